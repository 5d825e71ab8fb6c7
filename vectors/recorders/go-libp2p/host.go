// Loopback-only go-libp2p hosts for the recorder and the live judge: stock Identify service, a connection gater that
// refuses every non-loopback address, no relay, no hole punching, no NAT port mapping, no discovery, no DHT.
package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/libp2p/go-libp2p/p2p/protocol/identify"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// loopbackGater refuses every dial to and every accept from an address that is not 127.0.0.0/8 or ::1.
type loopbackGater struct{}

func (loopbackGater) InterceptPeerDial(peer.ID) bool { return true }
func (loopbackGater) InterceptAddrDial(_ peer.ID, a ma.Multiaddr) bool {
	return manet.IsIPLoopback(a)
}
func (loopbackGater) InterceptAccept(c network.ConnMultiaddrs) bool {
	return manet.IsIPLoopback(c.RemoteMultiaddr()) && manet.IsIPLoopback(c.LocalMultiaddr())
}
func (loopbackGater) InterceptSecured(_ network.Direction, _ peer.ID, c network.ConnMultiaddrs) bool {
	return manet.IsIPLoopback(c.RemoteMultiaddr())
}
func (loopbackGater) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) { return true, 0 }

// Every transport the recorder runs, each on its own loopback port.
var allListen = []string{
	"/ip4/127.0.0.1/tcp/0",
	"/ip6/::1/tcp/0",
	"/ip4/127.0.0.1/udp/0/quic-v1",
	"/ip4/127.0.0.1/tcp/0/ws",
	"/ip4/127.0.0.1/udp/0/quic-v1/webtransport",
}

const agent = "identify-wire-recorder/go-libp2p"

func newHost(priv crypto.PrivKey, listen []string, extra ...libp2p.Option) (host.Host, error) {
	for _, l := range listen {
		a, err := ma.NewMultiaddr(l)
		if err != nil || !manet.IsIPLoopback(a) {
			return nil, fmt.Errorf("refusing non-loopback listen address %q", l)
		}
	}
	opts := []libp2p.Option{
		libp2p.Identity(priv),
		libp2p.ConnectionGater(loopbackGater{}),
		libp2p.DisableRelay(),
		libp2p.DisableMetrics(),
		libp2p.UserAgent(agent),
		libp2p.ResourceManager(&network.NullResourceManager{}),
	}
	if len(listen) == 0 {
		opts = append(opts, libp2p.NoListenAddrs)
	} else {
		opts = append(opts, libp2p.ListenAddrStrings(listen...))
	}
	return libp2p.New(append(opts, extra...)...)
}

func idService(h host.Host) identify.IDService {
	if w, ok := h.(*wireHost); ok {
		h = w.Host
	}
	return h.(interface{ IDService() identify.IDService }).IDService()
}

// connectOver dials b to a over the first of a's addresses that matches want (a transport suffix test) and waits
// until both sides finished their stock Identify exchange.
func connectOver(ctx context.Context, from, to host.Host, match func(ma.Multiaddr) bool) (network.Conn, error) {
	var addrs []ma.Multiaddr
	for _, a := range to.Addrs() {
		if match(a) && manet.IsIPLoopback(a) && !hasProto(ma.P_CIRCUIT)(a) {
			addrs = append(addrs, a)
		}
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("no address of %s matches (has %v)", to.ID(), to.Addrs())
	}
	if err := from.Connect(ctx, peer.AddrInfo{ID: to.ID(), Addrs: addrs[:1]}); err != nil {
		return nil, err
	}
	conns := from.Network().ConnsToPeer(to.ID())
	if len(conns) == 0 {
		return nil, fmt.Errorf("no connection after connect")
	}
	c := conns[0]
	if err := waitIdentify(ctx, idService(from), c); err != nil {
		return nil, err
	}
	for _, rc := range to.Network().ConnsToPeer(from.ID()) {
		if err := waitIdentify(ctx, idService(to), rc); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func waitIdentify(ctx context.Context, ids identify.IDService, c network.Conn) error {
	select {
	case <-ids.IdentifyWait(c):
		return nil
	case <-ctx.Done():
		return fmt.Errorf("identify did not finish: %w", ctx.Err())
	case <-time.After(10 * time.Second):
		return fmt.Errorf("identify did not finish in 10 s")
	}
}

func hasProto(code int) func(ma.Multiaddr) bool {
	return func(a ma.Multiaddr) bool {
		_, err := a.ValueForProtocol(code)
		return err == nil
	}
}

func onlyTCP(a ma.Multiaddr) bool {
	return hasProto(ma.P_IP4)(a) && hasProto(ma.P_TCP)(a) && !hasProto(ma.P_WS)(a)
}

// peerstoreView is what h's peerstore holds about p: protocols, addresses (all and certified), agent and protocol
// versions, public key.
func peerstoreView(h host.Host, p peer.ID) map[string]any {
	ps := h.Peerstore()
	out := map[string]any{}
	protos, _ := ps.GetProtocols(p)
	ps2 := make([]string, 0, len(protos))
	for _, x := range protos {
		ps2 = append(ps2, string(x))
	}
	slices.Sort(ps2)
	out["protocols"] = ps2
	out["addrs"] = addrTexts(ps.Addrs(p))
	if v, err := ps.Get(p, "AgentVersion"); err == nil {
		out["agentVersion"] = v
	}
	if v, err := ps.Get(p, "ProtocolVersion"); err == nil {
		out["protocolVersion"] = v
	}
	if pk := ps.PubKey(p); pk != nil {
		if b, err := crypto.MarshalPublicKey(pk); err == nil {
			out["publicKey"] = hex.EncodeToString(b)
		}
	}
	certified := []string{}
	if cab, ok := peerstore.GetCertifiedAddrBook(ps); ok {
		if env := cab.GetPeerRecord(p); env != nil {
			if r, err := env.Record(); err == nil {
				if rec, ok := r.(*peer.PeerRecord); ok {
					certified = addrTexts(rec.Addrs)
					out["certifiedSeq"] = fmt.Sprint(rec.Seq)
				}
			}
		}
	}
	out["certifiedAddrs"] = certified
	return out
}

func addrTexts(as []ma.Multiaddr) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.String())
	}
	slices.Sort(out)
	return out
}

// libp2pAddrsFactory makes the host announce its own addresses plus extra (texts), as an AddrsFactory does.
func libp2pAddrsFactory(extra []string) libp2p.Option {
	return libp2p.AddrsFactory(func(own []ma.Multiaddr) []ma.Multiaddr {
		out := slices.Clone(own)
		for _, e := range extra {
			out = append(out, ma.StringCast(e))
		}
		return out
	})
}
