// Loopback-only rust-libp2p hosts for the recorder and the judge: tcp, quic-v1 and ws with noise and yamux, stock
// Identify (optional) and libp2p-stream, every substream tapped (tap.rs). No discovery, relay, autonat or upnp;
// the LoopbackOnly behaviour refuses every connection whose address is not 127.0.0.0/8 or ::1.
use std::{
    convert::Infallible,
    task::{Context, Poll},
    time::Duration,
};

use futures::{future::Either, StreamExt};
use libp2p::{
    core::{
        multiaddr::Protocol,
        muxing::StreamMuxerBox,
        transport::{Boxed, PortUse, Transport},
        upgrade::Version,
        ConnectedPoint, Endpoint,
    },
    identify,
    identity::Keypair,
    noise, quic,
    swarm::{
        behaviour::toggle::Toggle, dummy, ConnectionDenied, ConnectionId, FromSwarm, NetworkBehaviour, Swarm,
        SwarmEvent, THandler, THandlerInEvent, THandlerOutEvent, ToSwarm,
    },
    tcp, websocket, yamux, Multiaddr, PeerId, SwarmBuilder,
};
use tokio::sync::{mpsc, oneshot};

use crate::tap::Tap;

pub type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// True for an address whose first component is 127.0.0.0/8 or ::1 (anything else, dns included, is refused).
pub fn is_loopback(a: &Multiaddr) -> bool {
    match a.iter().next() {
        Some(Protocol::Ip4(ip)) => ip.is_loopback(),
        Some(Protocol::Ip6(ip)) => ip.is_loopback(),
        _ => false,
    }
}

#[derive(Debug)]
struct NotLoopback(Multiaddr);
impl std::fmt::Display for NotLoopback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused: {} is not a loopback address", self.0)
    }
}
impl std::error::Error for NotLoopback {}

/// Refuses every dial and every connection that is not on loopback.
#[derive(Default)]
pub struct LoopbackOnly;

impl NetworkBehaviour for LoopbackOnly {
    type ConnectionHandler = dummy::ConnectionHandler;
    type ToSwarm = Infallible;

    fn handle_established_inbound_connection(
        &mut self,
        _: ConnectionId,
        _: PeerId,
        local: &Multiaddr,
        remote: &Multiaddr,
    ) -> Result<THandler<Self>, ConnectionDenied> {
        for a in [local, remote] {
            if !is_loopback(a) {
                return Err(ConnectionDenied::new(NotLoopback(a.clone())));
            }
        }
        Ok(dummy::ConnectionHandler)
    }

    fn handle_pending_outbound_connection(
        &mut self,
        _: ConnectionId,
        _: Option<PeerId>,
        addresses: &[Multiaddr],
        _: Endpoint,
    ) -> Result<Vec<Multiaddr>, ConnectionDenied> {
        if let Some(a) = addresses.iter().find(|a| !is_loopback(a)) {
            return Err(ConnectionDenied::new(NotLoopback(a.clone())));
        }
        Ok(vec![])
    }

    fn handle_established_outbound_connection(
        &mut self,
        _: ConnectionId,
        _: PeerId,
        addr: &Multiaddr,
        _: Endpoint,
        _: PortUse,
    ) -> Result<THandler<Self>, ConnectionDenied> {
        if !is_loopback(addr) {
            return Err(ConnectionDenied::new(NotLoopback(addr.clone())));
        }
        Ok(dummy::ConnectionHandler)
    }

    fn on_swarm_event(&mut self, _: FromSwarm) {}

    fn on_connection_handler_event(&mut self, _: PeerId, _: ConnectionId, e: THandlerOutEvent<Self>) {
        match e {}
    }

    fn poll(&mut self, _: &mut Context<'_>) -> Poll<ToSwarm<Self::ToSwarm, THandlerInEvent<Self>>> {
        Poll::Pending
    }
}

#[derive(NetworkBehaviour)]
pub struct Node {
    pub guard: LoopbackOnly,
    pub identify: Toggle<identify::Behaviour>,
    pub stream: libp2p_stream::Behaviour,
}

fn transport(kp: &Keypair, tap: Tap) -> Res<Boxed<(PeerId, StreamMuxerBox)>> {
    let tcp = tcp::tokio::Transport::new(tcp::Config::default().nodelay(true))
        .upgrade(Version::V1)
        .authenticate(noise::Config::new(kp)?)
        .multiplex(yamux::Config::default())
        .timeout(Duration::from_secs(20));
    let ws = websocket::Config::new(tcp::tokio::Transport::new(tcp::Config::default().nodelay(true)))
        .upgrade(Version::V1)
        .authenticate(noise::Config::new(kp)?)
        .multiplex(yamux::Config::default())
        .timeout(Duration::from_secs(20));
    let quic = quic::tokio::Transport::new(quic::Config::new(kp));
    let t = quic
        .map(|(p, c), _| (p, StreamMuxerBox::new(c)))
        .or_transport(ws.map(|(p, m), _| (p, StreamMuxerBox::new(m))))
        .or_transport(tcp.map(|(p, m), _| (p, StreamMuxerBox::new(m))))
        .map(|e, _| match e {
            Either::Left(Either::Left(x)) => x,
            Either::Left(Either::Right(x)) => x,
            Either::Right(x) => x,
        })
        .map(move |(p, m), _| (p, tap.wrap_muxer(p, m)))
        .boxed();
    Ok(t)
}

/// What a host reports, as owned values.
#[derive(Debug)]
#[allow(dead_code)]
pub enum Ev {
    Listening(Multiaddr),
    Connected { peer: PeerId, endpoint: ConnectedPoint },
    Closed { peer: PeerId },
    Received { peer: PeerId, info: identify::Info },
    Sent { peer: PeerId },
    Pushed { peer: PeerId, info: identify::Info },
    IdentifyError { peer: PeerId, error: String },
    ExternalAddrCandidate(Multiaddr),
    Other(String),
}

fn convert(e: SwarmEvent<NodeEvent>) -> Ev {
    match e {
        SwarmEvent::NewListenAddr { address, .. } => Ev::Listening(address),
        SwarmEvent::ConnectionEstablished { peer_id, endpoint, .. } => Ev::Connected { peer: peer_id, endpoint },
        SwarmEvent::ConnectionClosed { peer_id, .. } => Ev::Closed { peer: peer_id },
        SwarmEvent::NewExternalAddrCandidate { address } => Ev::ExternalAddrCandidate(address),
        SwarmEvent::Behaviour(NodeEvent::Identify(e)) => match e {
            identify::Event::Received { peer_id, info, .. } => Ev::Received { peer: peer_id, info },
            identify::Event::Sent { peer_id, .. } => Ev::Sent { peer: peer_id },
            identify::Event::Pushed { peer_id, info, .. } => Ev::Pushed { peer: peer_id, info },
            identify::Event::Error { peer_id, error, .. } => {
                Ev::IdentifyError { peer: peer_id, error: format!("{error:?}") }
            }
        },
        other => Ev::Other(format!("{other:?}")),
    }
}

type Cmd = Box<dyn FnOnce(&mut Swarm<Node>) + Send>;

/// A swarm running in its own task: commands go in as closures, events come out as `Ev`.
pub struct Host {
    pub peer: PeerId,
    pub key: Keypair,
    pub control: libp2p_stream::Control,
    pub tap: Tap,
    pub listen: Vec<Multiaddr>,
    pub history: Vec<Ev>,
    cmd: mpsc::UnboundedSender<Cmd>,
    events: mpsc::UnboundedReceiver<Ev>,
}

impl Host {
    /// Starts a host listening on `listen` (loopback addresses only) and waits until every listener is up.
    pub async fn start(key: Keypair, identify: Option<identify::Config>, listen: &[&str]) -> Res<Host> {
        let tap = Tap::default();
        let t = transport(&key, tap.clone())?;
        let mut swarm = SwarmBuilder::with_existing_identity(key.clone())
            .with_tokio()
            .with_other_transport(|_| t)?
            .with_behaviour(|_| Node {
                guard: LoopbackOnly,
                identify: Toggle::from(identify.map(identify::Behaviour::new)),
                stream: libp2p_stream::Behaviour::new(),
            })?
            .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(120)))
            .build();
        for a in listen {
            let a: Multiaddr = a.parse()?;
            if !is_loopback(&a) {
                return Err(format!("refusing to listen on {a}").into());
            }
            swarm.listen_on(a)?;
        }
        let control = swarm.behaviour().stream.new_control();
        let (ctx, mut crx) = mpsc::unbounded_channel::<Cmd>();
        let (etx, erx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    c = crx.recv() => match c { Some(f) => f(&mut swarm), None => break },
                    e = swarm.select_next_some() => { let _ = etx.send(convert(e)); }
                }
            }
        });
        let mut h = Host {
            peer: key.public().to_peer_id(),
            key,
            control,
            tap,
            listen: vec![],
            history: vec![],
            cmd: ctx,
            events: erx,
        };
        for _ in 0..listen.len() {
            let a = h.wait(10, "listening", |e| if let Ev::Listening(a) = e { Some(a.clone()) } else { None }).await?;
            h.listen.push(a);
        }
        Ok(h)
    }

    /// Runs `f` on the swarm inside its task and returns its result.
    pub async fn exec<R: Send + 'static>(&self, f: impl FnOnce(&mut Swarm<Node>) -> R + Send + 'static) -> Res<R> {
        let (tx, rx) = oneshot::channel();
        self.cmd
            .send(Box::new(move |s| {
                let _ = tx.send(f(s));
            }))
            .map_err(|_| "host task is gone")?;
        Ok(rx.await?)
    }

    /// Dials a loopback address.
    pub async fn dial(&self, a: Multiaddr) -> Res<()> {
        if !is_loopback(&a) {
            return Err(format!("refusing to dial {a}").into());
        }
        self.exec(move |s| s.dial(a)).await??;
        Ok(())
    }

    /// The first listen address whose text contains `needle` (e.g. "/tcp/", "/quic-v1", "/ws").
    pub fn addr(&self, needle: &str) -> Res<Multiaddr> {
        let is_ws = |a: &Multiaddr| a.to_string().ends_with("/ws");
        self.listen
            .iter()
            .find(|a| {
                let t = a.to_string();
                t.contains(needle) && (needle == "/ws" || !is_ws(a))
            })
            .cloned()
            .ok_or_else(|| format!("no listen address with {needle}").into())
    }

    /// Consumes events (keeping them in `history`) until `f` picks one, or fails after `secs` seconds.
    pub async fn wait<T>(&mut self, secs: u64, what: &str, mut f: impl FnMut(&Ev) -> Option<T>) -> Res<T> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let e = tokio::time::timeout_at(deadline, self.events.recv())
                .await
                .map_err(|_| format!("timed out after {secs}s waiting for {what}"))?
                .ok_or("host task is gone")?;
            let r = f(&e);
            self.history.push(e);
            if let Some(r) = r {
                return Ok(r);
            }
        }
    }

    /// Moves every event that has already arrived into `history`.
    pub fn drain(&mut self) {
        while let Ok(e) = self.events.try_recv() {
            self.history.push(e);
        }
    }
}
