// identify-wire's go-libp2p recorder, multiaddr oracle and live judge (test tooling only, never part of the package).
//
//	recorder record <vectors dir> <recorder commit>
//	recorder oracle < requests.jsonl > results.jsonl
//	recorder judge <path of wire-peer.mjs>
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: recorder record|oracle|judge ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "record":
		err = cmdRecord(os.Args[2:])
	case "oracle":
		err = cmdOracle()
	case "scope":
		err = cmdScope()
	case "judge":
		err = cmdJudge(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
