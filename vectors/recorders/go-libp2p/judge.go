// `judge`: the live loopback judge. Stock go-libp2p hosts exchange Identify with host W, a go-libp2p host whose
// /ipfs/id/1.0.0 and /ipfs/id/push/1.0.0 bytes come from identify-wire (node wire-peer.mjs encode / decode), both ways.
// Prints `PASS <name>` or `FAIL <name>: <why>` per check, then `N passed, M failed`; exits 1 on any failure.
package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/core/record"
	"github.com/libp2p/go-libp2p/p2p/protocol/identify"
	ma "github.com/multiformats/go-multiaddr"
)

type wireMsg struct {
	ProtocolVersion  *string  `json:"protocolVersion,omitempty"`
	AgentVersion     *string  `json:"agentVersion,omitempty"`
	PublicKey        string   `json:"publicKey,omitempty"`
	ListenAddrs      []string `json:"listenAddrs"`
	ObservedAddr     string   `json:"observedAddr,omitempty"`
	Protocols        []string `json:"protocols"`
	SignedPeerRecord string   `json:"signedPeerRecord,omitempty"`
	Frames           int      `json:"frames,omitempty"`
}

type wireResult struct {
	OK      bool     `json:"ok"`
	Message *wireMsg `json:"message"`
	Code    string   `json:"code"`
	Offset  int      `json:"offset"`
}

type judge struct {
	ctx      context.Context
	wirePeer string
	passed   int
	failed   int
}

// wire runs the identify-wire side: node wire-peer.mjs <args> with stdin, returning its stdout.
func (j *judge) wire(stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(j.ctx, "node", append([]string{j.wirePeer}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wire-peer %v: %v: %s", args, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

func (j *judge) decode(raw []byte, args ...string) (*wireResult, error) {
	out, err := j.wire(raw, append([]string{"decode"}, args...)...)
	if err != nil {
		return nil, err
	}
	var r wireResult
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Errorf("wire-peer decode output: %w", err)
	}
	return &r, nil
}

func (j *judge) encode(m *wireMsg, split bool) ([]byte, error) {
	in, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	args := []string{"encode"}
	if split {
		args = append(args, "--split")
	}
	return j.wire(in, args...)
}

func (j *judge) check(name string, f func() error) {
	if err := f(); err != nil {
		j.failed++
		fmt.Printf("FAIL %s: %v\n", name, err)
		return
	}
	j.passed++
	fmt.Printf("PASS %s\n", name)
}

// wireHost is W: a loopback go-libp2p host whose Identify handlers are replaced. Its identify response is whatever
// serve() currently returns (bytes made by identify-wire); the pushes it receives are handed to pushes.
type wireHost struct {
	host.Host
	priv   crypto.PrivKey
	mu     sync.Mutex
	serve  func(s network.Stream) []byte
	pushes chan []byte
}

func newWireHost() (*wireHost, error) {
	priv := keyOf(crypto.Ed25519, 0)
	h, err := newHost(priv, allListen[:1])
	if err != nil {
		return nil, err
	}
	w := &wireHost{Host: h, priv: priv, pushes: make(chan []byte, 16)}
	h.SetStreamHandler(identify.ID, func(s network.Stream) {
		w.mu.Lock()
		serve := w.serve
		w.mu.Unlock()
		if serve == nil {
			s.Reset()
			return
		}
		s.Write(serve(s))
		s.Close()
	})
	h.SetStreamHandler(identify.IDPush, func(s network.Stream) {
		s.SetReadDeadline(time.Now().Add(10 * time.Second))
		raw, err := io.ReadAll(s)
		s.Close()
		if err == nil {
			w.pushes <- raw
		}
	})
	return w, nil
}

func (w *wireHost) setServe(f func(s network.Stream) []byte) {
	w.mu.Lock()
	w.serve = f
	w.mu.Unlock()
}

// sealedRecord: W's signed peer record, sealed by go-libp2p's record package with W's key, listing addrs.
func (w *wireHost) sealedRecord(addrs []ma.Multiaddr, seq uint64) (string, error) {
	rec := &peer.PeerRecord{PeerID: w.ID(), Addrs: addrs, Seq: seq}
	env, err := record.Seal(rec, w.priv)
	if err != nil {
		return "", err
	}
	b, err := env.Marshal()
	return hex.EncodeToString(b), err
}

func pubHex(h host.Host) string {
	b, _ := crypto.MarshalPublicKey(h.Peerstore().PubKey(h.ID()))
	return hex.EncodeToString(b)
}

func sortedStrings(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}

func protoStrings(ps []protocol.ID) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	slices.Sort(out)
	return out
}

func diffErr(what string, got, want any) error {
	if reflect.DeepEqual(got, want) {
		return nil
	}
	return fmt.Errorf("%s: got %v, want %v", what, got, want)
}

func cmdJudge(args []string) error {
	if len(args) != 1 {
		return errors.New("usage: judge <path of wire-peer.mjs>")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	j := &judge{ctx: ctx, wirePeer: args[0]}
	if _, err := j.wire([]byte("{}"), "encode"); err != nil {
		return fmt.Errorf("identify-wire side not usable (npm run build first?): %w", err)
	}
	j.goToWire()
	j.wireToGo()
	j.policy()
	fmt.Printf("%d passed, %d failed\n", j.passed, j.failed)
	if j.failed > 0 {
		os.Exit(1)
	}
	return nil
}

// goToWire: stock go hosts' identify and push bytes, decoded by identify-wire, against what the host says of itself.
func (j *judge) goToWire() {
	w, err := newWireHost()
	if err != nil {
		j.check("go -> identify-wire: hosts start", func() error { return err })
		return
	}
	defer w.Close()
	s, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
	if err != nil {
		j.check("go -> identify-wire: hosts start", func() error { return err })
		return
	}
	defer s.Close()
	var conn network.Conn
	j.check("go -> identify-wire: W connects to a stock go host over tcp", func() error {
		conn, err = connectOver(j.ctx, w, s, onlyTCP)
		return err
	})
	if conn == nil {
		return
	}
	self := func() (*wireMsg, error) {
		want := &wireMsg{PublicKey: pubHex(s), Protocols: protoStrings(s.Mux().Protocols())}
		want.ListenAddrs = addrTexts(s.Addrs())
		cab, _ := peerstore.GetCertifiedAddrBook(s.Peerstore())
		env := cab.GetPeerRecord(s.ID())
		if env == nil {
			return nil, errors.New("the go host has no signed peer record of its own")
		}
		b, err := env.Marshal()
		if err != nil {
			return nil, err
		}
		want.SignedPeerRecord = hex.EncodeToString(b)
		return want, nil
	}
	compare := func(got *wireResult, frames int) error {
		if !got.OK {
			return fmt.Errorf("identify-wire refused it: %s at %d", got.Code, got.Offset)
		}
		want, err := self()
		if err != nil {
			return err
		}
		m := got.Message
		pv, av := "", ""
		if m.ProtocolVersion != nil {
			pv = *m.ProtocolVersion
		}
		if m.AgentVersion != nil {
			av = *m.AgentVersion
		}
		return errors.Join(
			diffErr("protocolVersion", [2]any{m.ProtocolVersion != nil, pv}, [2]any{true, ""}),
			diffErr("agentVersion", av, agent),
			diffErr("publicKey", m.PublicKey, want.PublicKey),
			diffErr("listenAddrs", sortedStrings(m.ListenAddrs), want.ListenAddrs),
			diffErr("protocols", sortedStrings(m.Protocols), want.Protocols),
			diffErr("observedAddr", m.ObservedAddr, conn.LocalMultiaddr().String()),
			diffErr("signedPeerRecord", m.SignedPeerRecord, want.SignedPeerRecord),
			diffErr("frames", m.Frames, frames),
		)
	}
	j.check("go -> identify-wire: identify response decodes to what the go host says of itself", func() error {
		st, err := w.NewStream(j.ctx, s.ID(), identify.ID)
		if err != nil {
			return err
		}
		st.SetReadDeadline(time.Now().Add(10 * time.Second))
		raw, err := io.ReadAll(st)
		if err != nil {
			return err
		}
		got, err := j.decode(raw)
		if err != nil {
			return err
		}
		return compare(got, 1)
	})
	added := protocol.ID("/identify-wire/judge/added/1.0.0")
	j.check("go -> identify-wire: push after a protocol is added decodes to the go host's new state", func() error {
		s.SetStreamHandler(added, noop)
		for {
			select {
			case raw := <-w.pushes:
				got, err := j.decode(raw)
				if err != nil {
					return err
				}
				if got.OK && !slices.Contains(got.Message.Protocols, string(added)) {
					continue // an earlier push (address updates); wait for the one with the new protocol
				}
				return compare(got, 1)
			case <-time.After(10 * time.Second):
				return errors.New("no push arrived")
			}
		}
	})
	j.check("go -> identify-wire: push after the protocol is removed decodes to the go host's new state", func() error {
		s.RemoveStreamHandler(added)
		for {
			select {
			case raw := <-w.pushes:
				got, err := j.decode(raw)
				if err != nil {
					return err
				}
				if got.OK && slices.Contains(got.Message.Protocols, string(added)) {
					continue
				}
				return compare(got, 1)
			case <-time.After(10 * time.Second):
				return errors.New("no push arrived")
			}
		}
	})
	for _, pad := range []struct {
		n      int
		frames int
	}{{24, 2}, {84, 2}} {
		name := fmt.Sprintf("go -> identify-wire: %d extra 100-byte protocols: go splits into %d frames", pad.n, pad.frames)
		if pad.n == 84 {
			name = "go -> identify-wire: go's over-8-KiB identify response is refused by identify-wire's default reader (MESSAGE_TOO_LARGE), read whole with the limit lifted"
		}
		j.check(name, func() error {
			for _, p := range padProtocols(pad.n, 100) {
				s.SetStreamHandler(p, noop)
			}
			defer func() {
				for _, p := range padProtocols(pad.n, 100) {
					s.RemoveStreamHandler(p)
				}
			}()
			time.Sleep(300 * time.Millisecond) // the snapshot updates on the protocol events
			st, err := w.NewStream(j.ctx, s.ID(), identify.ID)
			if err != nil {
				return err
			}
			st.SetReadDeadline(time.Now().Add(10 * time.Second))
			raw, err := io.ReadAll(st)
			if err != nil {
				return err
			}
			got, err := j.decode(raw)
			if err != nil {
				return err
			}
			if pad.n < 84 {
				return compare(got, pad.frames)
			}
			if got.OK || got.Code != "MESSAGE_TOO_LARGE" || got.Offset != 0 {
				return fmt.Errorf("identify-wire's default reader said ok=%v %s at %d, want MESSAGE_TOO_LARGE at 0", got.OK, got.Code, got.Offset)
			}
			if err := readLikeStock(raw); err == nil {
				return errors.New("go's own reader accepts these bytes")
			}
			whole, err := j.decode(raw, "--max-size", "1000000")
			if err != nil {
				return err
			}
			if !whole.OK || len(whole.Message.Protocols) != len(s.Mux().Protocols()) {
				return fmt.Errorf("with the limit lifted: ok=%v", whole.OK)
			}
			return nil
		})
		// drain pushes caused by the padding
		time.Sleep(300 * time.Millisecond)
		for len(w.pushes) > 0 {
			<-w.pushes
		}
	}
}

// wireToGo: identify-wire's bytes, served by W, judged by stock go hosts' Identify service and peerstore.
func (j *judge) wireToGo() {
	w, err := newWireHost()
	if err != nil {
		j.check("identify-wire -> go: hosts start", func() error { return err })
		return
	}
	defer w.Close()
	recordAddrs := []ma.Multiaddr{w.Addrs()[0], ma.StringCast("/ip4/127.0.0.1/udp/4001/quic-v1")}
	spr, err := w.sealedRecord(recordAddrs, uint64(time.Now().UnixNano()))
	if err != nil {
		j.check("identify-wire -> go: seal W's record", func() error { return err })
		return
	}
	pv, av := "ipfs/0.1.0", "identify-wire-judge/0.1"
	base := func(s network.Stream, protocols []string) *wireMsg {
		return &wireMsg{
			ProtocolVersion: &pv, AgentVersion: &av, PublicKey: pubHex(w),
			// listenAddrs deliberately differ from the record's: go must take the record's when it accepts it.
			ListenAddrs:      []string{w.Addrs()[0].String(), "/ip4/127.0.0.1/tcp/9/ws"},
			ObservedAddr:     s.Conn().RemoteMultiaddr().String(),
			Protocols:        protocols,
			SignedPeerRecord: spr,
		}
	}
	ourProtocols := []string{"/identify-wire/judge/1.0.0", "/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0", "/ipfs/ping/1.0.0"}
	bigProtocols := slices.Clone(ourProtocols)
	for _, p := range padProtocols(30, 100) {
		bigProtocols = append(bigProtocols, string(p))
	}
	slices.Sort(bigProtocols)
	var lastStream []byte
	serveWith := func(protocols []string, split bool) {
		w.setServe(func(s network.Stream) []byte {
			out, err := j.encode(base(s, protocols), split)
			if err != nil {
				fmt.Fprintln(os.Stderr, "encode:", err)
				return nil
			}
			w.mu.Lock()
			lastStream = out
			w.mu.Unlock()
			return out
		})
	}
	// accepted: the stock host's peerstore holds exactly what identify-wire sent.
	accepted := func(s host.Host, protocols []string) error {
		v := peerstoreView(s, w.ID())
		return errors.Join(
			diffErr("protocols", v["protocols"], sortedStrings(protocols)),
			diffErr("addrs (the signed record's, not the listenAddrs)", v["addrs"], addrTexts(recordAddrs)),
			diffErr("agentVersion", v["agentVersion"], av),
			diffErr("protocolVersion", v["protocolVersion"], pv),
			diffErr("publicKey", v["publicKey"], pubHex(w)),
		)
	}
	last := func() []byte {
		w.mu.Lock()
		defer w.mu.Unlock()
		return lastStream
	}
	frames := func() int {
		r, err := j.decode(last(), "--max-size", "1000000")
		if err != nil || !r.OK {
			return -1
		}
		return r.Message.Frames
	}
	for _, c := range []struct {
		name      string
		protocols []string
		split     bool
		frames    int
	}{
		{"identify-wire -> go: identify response (1 frame) accepted: peerstore holds our protocols, the signed record's addresses, agent, protocol version and key", ourProtocols, false, 1},
		{"identify-wire -> go: identify response over 2 KiB split by encodeIdentifyStream accepted the same way", bigProtocols, true, 0},
	} {
		j.check(c.name, func() error {
			serveWith(c.protocols, c.split)
			s, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
			if err != nil {
				return err
			}
			defer s.Close()
			if _, err := connectOver(j.ctx, s, w, onlyTCP); err != nil {
				return err
			}
			if n := frames(); (c.frames > 0 && n != c.frames) || (c.frames == 0 && n < 2) {
				return fmt.Errorf("identify-wire wrote %d frames", n)
			}
			return accepted(s, c.protocols)
		})
	}
	// Pushes from W to a stock host.
	j.check("identify-wire -> go: pushes (1 frame, then a split one over 2 KiB) accepted by the stock push handler", func() error {
		serveWith(ourProtocols, false)
		s, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
		if err != nil {
			return err
		}
		defer s.Close()
		conn, err := connectOver(j.ctx, s, w, onlyTCP)
		if err != nil {
			return err
		}
		for _, p := range []struct {
			protocols []string
			split     bool
		}{{append(slices.Clone(ourProtocols), "/identify-wire/judge/pushed/1.0.0"), false}, {bigProtocols, true}} {
			st, err := w.NewStream(j.ctx, s.ID(), identify.IDPush)
			if err != nil {
				return err
			}
			msg := base(st, p.protocols)
			msg.ObservedAddr = conn.RemoteMultiaddr().String()
			out, err := j.encode(msg, p.split)
			if err != nil {
				return err
			}
			st.Write(out)
			st.Close()
			deadline := time.Now().Add(5 * time.Second)
			want := sortedStrings(p.protocols)
			for time.Now().Before(deadline) && !reflect.DeepEqual(peerstoreView(s, w.ID())["protocols"], want) {
				time.Sleep(20 * time.Millisecond)
			}
			if err := accepted(s, p.protocols); err != nil {
				return fmt.Errorf("push split=%v: %w", p.split, err)
			}
		}
		return nil
	})
	j.check("identify-wire -> go: a message over 8 KiB is refused by go's Identify and by identify-wire's default reader alike", func() error {
		huge := slices.Clone(ourProtocols)
		for _, p := range padProtocols(84, 100) {
			huge = append(huge, string(p))
		}
		serveWith(huge, false)
		s, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
		if err != nil {
			return err
		}
		defer s.Close()
		sub, err := s.EventBus().Subscribe(new(event.EvtPeerIdentificationFailed))
		if err != nil {
			return err
		}
		defer sub.Close()
		if err := s.Connect(j.ctx, peer.AddrInfo{ID: w.ID(), Addrs: w.Addrs()}); err != nil {
			return err
		}
		select {
		case e := <-sub.Out():
			if ev := e.(event.EvtPeerIdentificationFailed); ev.Peer != w.ID() {
				return fmt.Errorf("identification failed for another peer %s", ev.Peer)
			}
		case <-time.After(10 * time.Second):
			return errors.New("go did not refuse the message")
		}
		if v := peerstoreView(s, w.ID())["protocols"].([]string); slices.Contains(v, huge[len(huge)-1]) {
			return errors.New("go's peerstore learned the refused protocols")
		}
		got, err := j.decode(last())
		if err != nil {
			return err
		}
		if got.OK || got.Code != "MESSAGE_TOO_LARGE" {
			return fmt.Errorf("identify-wire's default reader: ok=%v %s", got.OK, got.Code)
		}
		return nil
	})
}

// policy: on a loopback connection, go's host announces the listen addresses that identify-wire's announceAddrs keeps
// from the host's address list, and seals into its record the ones recordAddrs keeps (default, and with
// NonPublicAddrPublishing(false)). The non-loopback branches of the listenAddrs rule need non-loopback connections;
// they are checked through go-multiaddr's predicates (vectors/oracles/address-scope-go-libp2p.json).
func (j *judge) policy() {
	extra := []string{"/ip6/::1/tcp/4001", "/ip4/192.168.1.2/tcp/4001", "/ip4/1.2.3.4/udp/4001/quic-v1", "/ip6/fe80::1/tcp/4001",
		"/dns4/localhost/tcp/4001", "/dns/example.com/tcp/4001", "/ip4/5.6.7.8/tcp/4001/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N/p2p-circuit"}
	for _, publishNonPublic := range []bool{true, false} {
		name := "address policy: over loopback, go announces what announceAddrs keeps and seals what recordAddrs keeps"
		if !publishNonPublic {
			name += " (NonPublicAddrPublishing(false))"
		}
		j.check(name, func() error {
			s, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1], libp2pAddrsFactory(extra), libp2p.NonPublicAddrPublishing(publishNonPublic))
			if err != nil {
				return err
			}
			defer s.Close()
			w, err := newWireHost()
			if err != nil {
				return err
			}
			defer w.Close()
			time.Sleep(300 * time.Millisecond) // the host seals its record when its addresses settle
			conn, err := connectOver(j.ctx, w, s, onlyTCP)
			if err != nil {
				return err
			}
			st, err := w.NewStream(j.ctx, s.ID(), identify.ID)
			if err != nil {
				return err
			}
			st.SetReadDeadline(time.Now().Add(10 * time.Second))
			raw, err := io.ReadAll(st)
			if err != nil {
				return err
			}
			got, err := j.decode(raw)
			if err != nil || !got.OK {
				return fmt.Errorf("decode: %v", err)
			}
			in, _ := json.Marshal(map[string]any{"addrs": addrTexts(s.Addrs()), "local": conn.RemoteMultiaddr().String(), "remote": conn.LocalMultiaddr().String()})
			out, err := j.wire(in, "announce")
			if err != nil {
				return err
			}
			var keep []string
			if err := json.Unmarshal(out, &keep); err != nil {
				return err
			}
			in, _ = json.Marshal(map[string]any{"signedPeerRecord": got.Message.SignedPeerRecord, "addrs": addrTexts(s.Addrs()), "publishNonPublic": publishNonPublic})
			out, err = j.wire(in, "record")
			if err != nil {
				return err
			}
			var rec struct {
				PeerID   string   `json:"peerId"`
				Addrs    []string `json:"addrs"`
				Expected []string `json:"expected"`
			}
			if err := json.Unmarshal(out, &rec); err != nil {
				return err
			}
			return errors.Join(
				diffErr("listenAddrs vs announceAddrs", sortedStrings(got.Message.ListenAddrs), sortedStrings(keep)),
				diffErr("record addrs vs recordAddrs", sortedStrings(rec.Addrs), sortedStrings(rec.Expected)),
				diffErr("record peer id", rec.PeerID, s.ID().String()),
			)
		})
	}
}
