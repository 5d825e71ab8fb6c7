// `oracle`: go-multiaddr (the version go-libp2p pins) as a parser oracle. JSON lines in:
// {"id":N,"kind":"bin","hex":"..."} or {"id":N,"kind":"text","text":"..."}; JSON lines out:
// {"id":N,"ok":true,"text":"<String()>","hex":"<Bytes()>"} or {"id":N,"ok":false,"error":"<short reason>"}.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	ma "github.com/multiformats/go-multiaddr"
)

type oracleIn struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	Hex  string `json:"hex"`
	Text string `json:"text"`
}

type oracleOut struct {
	ID    int64  `json:"id"`
	OK    bool   `json:"ok"`
	Text  string `json:"text,omitempty"`
	Hex   string `json:"hex,omitempty"`
	Error string `json:"error,omitempty"`
}

func oracleOne(in oracleIn) (out oracleOut) {
	out.ID = in.ID
	defer func() {
		if p := recover(); p != nil {
			out = oracleOut{ID: in.ID, Error: fmt.Sprintf("panic: %v", p)}
		}
	}()
	var a ma.Multiaddr
	var err error
	switch in.Kind {
	case "bin":
		b, herr := hex.DecodeString(in.Hex)
		if herr != nil {
			return oracleOut{ID: in.ID, Error: "bad hex in request"}
		}
		a, err = ma.NewMultiaddrBytes(b)
	case "text":
		a, err = ma.NewMultiaddr(in.Text)
	default:
		return oracleOut{ID: in.ID, Error: "unknown kind"}
	}
	if err != nil {
		msg := err.Error()
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return oracleOut{ID: in.ID, Error: msg}
	}
	return oracleOut{ID: in.ID, OK: true, Text: a.String(), Hex: hex.EncodeToString(a.Bytes())}
}

func cmdOracle() error {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		var in oracleIn
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			return fmt.Errorf("bad request line: %w", err)
		}
		if err := enc.Encode(oracleOne(in)); err != nil {
			return err
		}
	}
	return sc.Err()
}
