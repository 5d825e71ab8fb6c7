// `record`: starts stock go-libp2p hosts on loopback and saves the exact bytes their Identify service wrote on
// /ipfs/id/1.0.0 and /ipfs/id/push/1.0.0, with a JSON sidecar of what go-libp2p itself decoded and learned.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/core/record"
	"github.com/libp2p/go-libp2p/p2p/protocol/identify"
	"github.com/libp2p/go-libp2p/p2p/protocol/identify/pb"
	"github.com/libp2p/go-msgio/pbio"
	ma "github.com/multiformats/go-multiaddr"
	"google.golang.org/protobuf/proto"
)

const goLibp2pVersion = "v0.52.0"

type recorder struct {
	ctx    context.Context
	out    string
	commit string
	names  []string
}

func cmdRecord(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: record <vectors dir> <recorder commit>")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r := &recorder{ctx: ctx, out: args[0], commit: args[1]}
	keys := []struct {
		name string
		typ  int
		bits int
	}{{"ed25519", crypto.Ed25519, 0}, {"secp256k1", crypto.Secp256k1, 0}, {"ecdsa", crypto.ECDSA, 0}, {"rsa", crypto.RSA, 2048}}
	for _, k := range keys {
		if err := r.identifyScenario("identify-tcp-"+k.name, k.name, k.typ, k.bits, onlyTCP, nil,
			"B dials A's /ip4 tcp address; A listens on tcp (ip4, ip6), quic-v1, ws and webtransport"); err != nil {
			return err
		}
	}
	transports := []struct {
		name  string
		match func(ma.Multiaddr) bool
	}{
		{"quic-v1", func(a ma.Multiaddr) bool { return hasProto(ma.P_QUIC_V1)(a) && !hasProto(ma.P_WEBTRANSPORT)(a) }},
		{"ws", hasProto(ma.P_WS)},
		{"webtransport", hasProto(ma.P_WEBTRANSPORT)},
		{"tcp-ip6", func(a ma.Multiaddr) bool { return hasProto(ma.P_IP6)(a) && hasProto(ma.P_TCP)(a) }},
	}
	for _, t := range transports {
		if err := r.identifyScenario("identify-"+t.name+"-ed25519", "ed25519", crypto.Ed25519, 0, t.match, nil,
			"B dials A over "+t.name+" only, so observedAddr is B's "+t.name+" address as A saw it"); err != nil {
			return err
		}
	}
	// Protocol names padded so the message passes go's 2 KiB legacy size: go then writes the signed peer record in a
	// second frame. Over 8 KiB, go's own reader refuses the first frame.
	if err := r.identifyScenario("identify-split-ed25519", "ed25519", crypto.Ed25519, 0, onlyTCP, padProtocols(24, 100),
		"A registers 24 extra 100-byte protocols: the message exceeds go's 2 KiB legacy size, so go writes the signed peer record in a second frame"); err != nil {
		return err
	}
	if err := r.identifyScenario("identify-over-limit-ed25519", "ed25519", crypto.Ed25519, 0, onlyTCP, padProtocols(84, 100),
		"A registers 84 extra 100-byte protocols: the first frame exceeds 8 KiB and go's own reader (signedIDSize) refuses it"); err != nil {
		return err
	}
	if err := r.noListenScenario(); err != nil {
		return err
	}
	if err := r.pushScenarios(); err != nil {
		return err
	}
	fmt.Printf("recorded %d go-libp2p %s recordings into %s\n", len(r.names), goLibp2pVersion, r.out)
	return nil
}

func padProtocols(n, size int) []protocol.ID {
	out := make([]protocol.ID, n)
	for i := range out {
		p := fmt.Sprintf("/identify-wire/pad/%03d/", i)
		out[i] = protocol.ID(p + strings.Repeat("x", size-len(p)))
	}
	return out
}

func keyOf(typ, bits int) crypto.PrivKey {
	priv, _, err := crypto.GenerateKeyPair(typ, bits)
	if err != nil {
		panic(err)
	}
	return priv
}

func noop(s network.Stream) { s.Close() }

// identifyScenario: A (stock host with key typ) and B (stock host); B opens its own /ipfs/id/1.0.0 stream to A and
// reads every byte A's stock handler wrote until A closed the stream.
func (r *recorder) identifyScenario(name, keyType string, typ, bits int, match func(ma.Multiaddr) bool, extra []protocol.ID, scenario string) error {
	a, err := newHost(keyOf(typ, bits), allListen)
	if err != nil {
		return err
	}
	defer a.Close()
	for _, p := range extra {
		a.SetStreamHandler(p, noop)
	}
	b, err := newHost(keyOf(crypto.Ed25519, 0), allListen)
	if err != nil {
		return err
	}
	defer b.Close()
	// Give A's address manager time to settle (webtransport certhashes), so the snapshot is final.
	time.Sleep(300 * time.Millisecond)
	conn, connErr := connectOver(r.ctx, b, a, match)
	if conn == nil {
		return fmt.Errorf("%s: %w", name, connErr)
	}
	s, err := b.NewStream(r.ctx, a.ID(), identify.ID)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	s.SetReadDeadline(time.Now().Add(10 * time.Second))
	raw, err := io.ReadAll(s)
	if err != nil {
		return fmt.Errorf("%s: reading: %w", name, err)
	}
	s.Close()
	side := r.sidecar(name, identify.ID, "identify-response", scenario, keyType, a.ID(), raw)
	side["transport"] = conn.RemoteMultiaddr().String()
	side["peerstore"] = peerstoreView(b, a.ID())
	// What go's stock reader (pbio.NewDelimitedReader with signedIDSize) says about these bytes.
	if err := readLikeStock(raw); err != nil {
		side["refused"] = map[string]any{"by": "go-libp2p " + goLibp2pVersion + " identify reader (8 KiB per frame)", "error": err.Error()}
	}
	return r.write(name, raw, side)
}

// noListenScenario: A listens nowhere, dials B, and B opens /ipfs/id/1.0.0 back to A over that connection.
func (r *recorder) noListenScenario() error {
	const name = "identify-no-listen-ed25519"
	a, err := newHost(keyOf(crypto.Ed25519, 0), nil)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
	if err != nil {
		return err
	}
	defer b.Close()
	conn, err := connectOver(r.ctx, a, b, onlyTCP)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	s, err := b.NewStream(r.ctx, a.ID(), identify.ID)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	s.SetReadDeadline(time.Now().Add(10 * time.Second))
	raw, err := io.ReadAll(s)
	if err != nil {
		return fmt.Errorf("%s: reading: %w", name, err)
	}
	side := r.sidecar(name, identify.ID, "identify-response", "A has no listen addresses; A dials B, then B opens /ipfs/id/1.0.0 back to A over that connection", "ed25519", a.ID(), raw)
	side["transport"] = conn.LocalMultiaddr().String()
	side["peerstore"] = peerstoreView(b, a.ID())
	return r.write(name, raw, side)
}

// pushScenarios: A pushes to B (whose push handler is replaced by one that records the raw bytes) and to C (stock
// push handler, for the peerstore view) after a protocol is added, then after it is removed.
func (r *recorder) pushScenarios() error {
	a, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
	if err != nil {
		return err
	}
	defer b.Close()
	c, err := newHost(keyOf(crypto.Ed25519, 0), allListen[:1])
	if err != nil {
		return err
	}
	defer c.Close()
	pushes := make(chan []byte, 16)
	b.SetStreamHandler(identify.IDPush, func(s network.Stream) {
		s.SetReadDeadline(time.Now().Add(10 * time.Second))
		raw, err := io.ReadAll(s)
		s.Close()
		if err == nil {
			pushes <- raw
		}
	})
	if _, err := connectOver(r.ctx, b, a, onlyTCP); err != nil {
		return err
	}
	if _, err := connectOver(r.ctx, c, a, onlyTCP); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	for len(pushes) > 0 {
		<-pushes
	}
	added := protocol.ID("/identify-wire/recorder/added/1.0.0")
	steps := []struct {
		name, scenario string
		do             func()
		want           bool
	}{
		{"push-protocol-added-ed25519", "A adds a stream handler for " + string(added) + "; its Identify service pushes to every connected peer",
			func() { a.SetStreamHandler(added, noop) }, true},
		{"push-protocol-removed-ed25519", "A removes the handler for " + string(added) + " again; its Identify service pushes again",
			func() { a.RemoveStreamHandler(added) }, false},
	}
	for _, st := range steps {
		st.do()
		var raw []byte
		for raw == nil {
			select {
			case got := <-pushes:
				m, _, err := decodeFrames(got)
				if err == nil && slices.Contains(m.Protocols, string(added)) == st.want {
					raw = got
				}
			case <-time.After(10 * time.Second):
				return fmt.Errorf("%s: no push arrived", st.name)
			}
		}
		// C's stock push handler consumes the same push; give it a moment.
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			ps, _ := c.Peerstore().SupportsProtocols(a.ID(), added)
			if (len(ps) > 0) == st.want {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		side := r.sidecar(st.name, identify.IDPush, "identify-push", st.scenario, "ed25519", a.ID(), raw)
		side["peerstore"] = peerstoreView(c, a.ID())
		if err := r.write(st.name, raw, side); err != nil {
			return err
		}
	}
	return nil
}

// decodeFrames splits raw into uvarint-prefixed frames, decodes each with go-libp2p's generated protobuf type and
// merges them the way readAllIDMessages does (proto.Merge).
func decodeFrames(raw []byte) (*pb.Identify, []*pb.Identify, error) {
	merged := &pb.Identify{}
	var frames []*pb.Identify
	for rest := raw; len(rest) > 0; {
		n, k := binary.Uvarint(rest)
		if k <= 0 || uint64(len(rest)-k) < n {
			return nil, nil, errors.New("truncated frame")
		}
		f := &pb.Identify{}
		if err := proto.Unmarshal(rest[k:k+int(n)], f); err != nil {
			return nil, nil, err
		}
		frames = append(frames, f)
		proto.Merge(merged, f)
		rest = rest[k+int(n):]
	}
	return merged, frames, nil
}

// readLikeStock runs the bytes through the reader go-libp2p's Identify service uses (8 KiB per frame, 10 frames).
func readLikeStock(raw []byte) error {
	rd := pbio.NewDelimitedReader(bytes.NewReader(raw), 8*1024)
	for range 10 {
		m := &pb.Identify{}
		switch err := rd.ReadMsg(m); err {
		case io.EOF:
			return nil
		case nil:
		default:
			return err
		}
	}
	return errors.New("too many parts")
}

func decodedJSON(m *pb.Identify) map[string]any {
	d := map[string]any{}
	if m.ProtocolVersion != nil {
		d["protocolVersion"] = *m.ProtocolVersion
	}
	if m.AgentVersion != nil {
		d["agentVersion"] = *m.AgentVersion
	}
	if m.PublicKey != nil {
		d["publicKey"] = hex.EncodeToString(m.PublicKey)
	}
	la := make([]string, 0, len(m.ListenAddrs))
	for _, b := range m.ListenAddrs {
		la = append(la, maText(b))
	}
	d["listenAddrs"] = la
	if m.ObservedAddr != nil {
		d["observedAddr"] = maText(m.ObservedAddr)
	}
	protos := m.Protocols
	if protos == nil {
		protos = []string{}
	}
	d["protocols"] = protos
	if m.SignedPeerRecord != nil {
		d["signedPeerRecord"] = hex.EncodeToString(m.SignedPeerRecord)
	}
	return d
}

func maText(b []byte) string {
	a, err := ma.NewMultiaddrBytes(b)
	if err != nil {
		return "0x" + hex.EncodeToString(b)
	}
	return a.String()
}

func (r *recorder) sidecar(name string, proto protocol.ID, kind, scenario, keyType string, sender peer.ID, raw []byte) map[string]any {
	sum := sha256.Sum256(raw)
	side := map[string]any{
		"name":           "go-libp2p-" + name,
		"file":           "go-libp2p-" + name + ".bin",
		"sha256":         hex.EncodeToString(sum[:]),
		"totalBytes":     len(raw),
		"implementation": "go-libp2p",
		"version":        goLibp2pVersion,
		"recorderCommit": r.commit,
		"protocol":       string(proto),
		"kind":           kind,
		"scenario":       scenario,
		"keyType":        keyType,
		"senderPeerId":   sender.String(),
	}
	merged, frames, err := decodeFrames(raw)
	if err != nil {
		side["decodeError"] = err.Error()
		return side
	}
	side["frames"] = len(frames)
	side["decoded"] = decodedJSON(merged)
	if len(frames) > 1 {
		df := make([]any, len(frames))
		for i, f := range frames {
			df[i] = decodedJSON(f)
		}
		side["decodedFrames"] = df
	}
	if merged.SignedPeerRecord != nil {
		env, rec, err := record.ConsumeEnvelope(merged.SignedPeerRecord, peer.PeerRecordEnvelopeDomain)
		if err != nil {
			side["signedPeerRecordError"] = err.Error()
		} else if pr, ok := rec.(*peer.PeerRecord); ok {
			_ = env
			as := make([]string, 0, len(pr.Addrs))
			for _, a := range pr.Addrs {
				as = append(as, a.String())
			}
			side["signedPeerRecord"] = map[string]any{"peerId": pr.PeerID.String(), "seq": fmt.Sprint(pr.Seq), "addrs": as}
		}
	}
	return side
}

func (r *recorder) write(name string, raw []byte, side map[string]any) error {
	base := filepath.Join(r.out, "go-libp2p-"+name)
	j, err := json.MarshalIndent(side, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(base+".bin", raw, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(base+".json", append(j, '\n'), 0o644); err != nil {
		return err
	}
	r.names = append(r.names, name)
	fmt.Printf("  %-40s %6d bytes, %v frame(s)\n", "go-libp2p-"+name, len(raw), side["frames"])
	return nil
}

var _ host.Host
