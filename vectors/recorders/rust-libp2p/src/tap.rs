// A stream-muxer wrapper that records every byte each substream reads and writes, multistream-select included, so
// the recorder can save exactly what the stock Identify behaviour wrote and read. It changes no byte and no timing
// beyond a copy; the bytes after multistream-select are split off afterwards by `after_negotiation`.
use std::{
    io,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
};

use futures::{AsyncRead, AsyncWrite};
use libp2p::{
    core::muxing::{StreamMuxer, StreamMuxerBox, StreamMuxerEvent, SubstreamBox},
    PeerId,
};

/// One substream: who it was with, who opened it, what it read and what it wrote.
pub struct StreamLog {
    pub peer: PeerId,
    pub outbound: bool,
    pub read: Mutex<Vec<u8>>,
    pub written: Mutex<Vec<u8>>,
}

#[derive(Clone, Default)]
pub struct Tap {
    streams: Arc<Mutex<Vec<Arc<StreamLog>>>>,
}

impl Tap {
    pub fn wrap_muxer(&self, peer: PeerId, inner: StreamMuxerBox) -> StreamMuxerBox {
        StreamMuxerBox::new(TapMuxer { inner, peer, tap: self.clone() })
    }

    fn wrap(&self, peer: PeerId, outbound: bool, inner: SubstreamBox) -> TapStream {
        let log = Arc::new(StreamLog { peer, outbound, read: Mutex::default(), written: Mutex::default() });
        self.streams.lock().unwrap().push(log.clone());
        TapStream { inner, log }
    }

    pub fn streams(&self) -> Vec<Arc<StreamLog>> {
        self.streams.lock().unwrap().clone()
    }

    /// Application bytes of every substream with `peer` that negotiated `protocol`, as (outbound, read, written),
    /// in the order the substreams were opened.
    pub fn app_bytes(&self, peer: PeerId, protocol: &str) -> Vec<(bool, Vec<u8>, Vec<u8>)> {
        let mut out = vec![];
        for s in self.streams() {
            if s.peer != peer {
                continue;
            }
            let r = s.read.lock().unwrap().clone();
            let w = s.written.lock().unwrap().clone();
            // The opener writes its proposal and reads the confirmation; the other side the reverse.
            let (mine, theirs) = (after_negotiation(&w, protocol), after_negotiation(&r, protocol));
            if let (Some(w), Some(r)) = (mine, theirs) {
                out.push((s.outbound, r, w));
            }
        }
        out
    }
}

/// Skips multistream-select messages (uvarint length, text ending in '\n') until the one naming `protocol`, and
/// returns the bytes after it. None when `protocol` was not negotiated in `buf`.
pub fn after_negotiation(buf: &[u8], protocol: &str) -> Option<Vec<u8>> {
    let want = format!("{protocol}\n");
    let mut pos = 0;
    loop {
        let (len, n) = uvarint(&buf[pos..])?;
        let start = pos + n;
        let end = start.checked_add(len as usize)?;
        if end > buf.len() {
            return None;
        }
        let msg = &buf[start..end];
        if !msg.ends_with(b"\n") {
            return None;
        }
        pos = end;
        if msg == want.as_bytes() {
            return Some(buf[pos..].to_vec());
        }
    }
}

/// (value, byte count) of the uvarint at the start of `b`, or None if it is cut or longer than 9 bytes.
pub fn uvarint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, &x) in b.iter().enumerate().take(9) {
        v |= u64::from(x & 0x7f) << (7 * i);
        if x < 0x80 {
            return Some((v, i + 1));
        }
    }
    None
}

struct TapMuxer {
    inner: StreamMuxerBox,
    peer: PeerId,
    tap: Tap,
}

impl StreamMuxer for TapMuxer {
    type Substream = TapStream;
    type Error = io::Error;

    fn poll_inbound(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<TapStream, io::Error>> {
        let this = self.get_mut();
        Pin::new(&mut this.inner).poll_inbound(cx).map_ok(|s| this.tap.wrap(this.peer, false, s))
    }

    fn poll_outbound(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<TapStream, io::Error>> {
        let this = self.get_mut();
        Pin::new(&mut this.inner).poll_outbound(cx).map_ok(|s| this.tap.wrap(this.peer, true, s))
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), io::Error>> {
        Pin::new(&mut self.get_mut().inner).poll_close(cx)
    }

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<StreamMuxerEvent, io::Error>> {
        Pin::new(&mut self.get_mut().inner).poll(cx)
    }
}

struct TapStream {
    inner: SubstreamBox,
    log: Arc<StreamLog>,
}

impl AsyncRead for TapStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(n)) = r {
            this.log.read.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        r
    }
}

impl AsyncWrite for TapStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = r {
            this.log.written.lock().unwrap().extend_from_slice(&buf[..n]);
        }
        r
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_close(cx)
    }
}
