// `scope`: go-multiaddr/net's address predicates as an oracle for identify-wire's announce rules. Text multiaddrs in
// (one per line), JSON lines out: {"addr", "loopback": IsIPLoopback, "private": IsPrivateAddr, "public": IsPublicAddr}
// or {"addr", "error"} when go cannot parse the text.
package main

import (
	"bufio"
	"encoding/json"
	"os"

	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

func cmdScope() error {
	sc := bufio.NewScanner(os.Stdin)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for sc.Scan() {
		line := sc.Text()
		a, err := ma.NewMultiaddr(line)
		if err != nil {
			enc.Encode(map[string]any{"addr": line, "error": err.Error()})
			continue
		}
		enc.Encode(map[string]any{"addr": line, "loopback": manet.IsIPLoopback(a), "private": manet.IsPrivateAddr(a), "public": manet.IsPublicAddr(a)})
	}
	return sc.Err()
}
