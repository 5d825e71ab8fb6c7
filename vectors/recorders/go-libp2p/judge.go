package main

import "errors"

func cmdJudge(args []string) error { return errors.New("not yet") }
