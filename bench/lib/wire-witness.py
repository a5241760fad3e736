#!/usr/bin/env python3
"""
The wire's account of politeness: the kernel's receive time of every HTTP request head sent
to the simulated web's port on loopback, from an AF_PACKET socket (needs CAP_NET_RAW, i.e.
root). Unlike the servers' own stamps, these do not run late when the servers' event loop
stalls (bench/README.md, "Politeness").

  wire-witness.py PORT    prints "READY", then one line per request head:
                          "<kernel time ns> <destination address> <source port> <method>"
                          and, once stdin closes, "DROPS <n>" (packets the kernel dropped
                          because this reader fell behind: then the account is incomplete).

A classic BPF filter passes only IPv4 TCP segments to PORT, truncated to 256 bytes, so the
response bodies never reach this process.
"""
import ctypes
import os
import select
import socket
import struct
import sys

ETH_P_ALL = 0x0003
SO_ATTACH_FILTER = 26
SO_TIMESTAMPNS = 35
SO_RCVBUFFORCE = 33
SOL_PACKET = 263
PACKET_STATISTICS = 6
PACKET_OUTGOING = 4
SNAP_BYTES = 256
RECEIVE_BUFFER_BYTES = 64 * 1024 * 1024
METHODS = (b"GET ", b"HEAD ", b"POST ", b"PUT ", b"DELETE ", b"OPTIONS ", b"PATCH ")


def tcp_to_port_filter(port):
    """ip and tcp and not a fragment and dst port PORT, first SNAP_BYTES bytes."""
    program = [
        (0x28, 0, 0, 12),  # ldh [12]: ethertype
        (0x15, 0, 8, 0x0800),  # not IPv4: reject
        (0x30, 0, 0, 23),  # ldb [23]: IP protocol
        (0x15, 0, 6, 6),  # not TCP: reject
        (0x28, 0, 0, 20),  # ldh [20]: flags and fragment offset
        (0x45, 4, 0, 0x1FFF),  # a fragment: reject
        (0xB1, 0, 0, 14),  # ldxb 4*([14]&0xf): IP header length
        (0x48, 0, 0, 16),  # ldh [x+16]: TCP destination port
        (0x15, 0, 1, port),  # not PORT: reject
        (0x06, 0, 0, SNAP_BYTES),  # accept
        (0x06, 0, 0, 0),  # reject
    ]
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *step) for step in program))
    # struct sock_fprog: the length and a pointer to the code, which must outlive the call.
    return struct.pack("HL", len(program), ctypes.addressof(code)), code


def main():
    port = int(sys.argv[1])
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind(("lo", 0))
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, RECEIVE_BUFFER_BYTES)
    except OSError:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
    program, _blob = tcp_to_port_filter(port)
    sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, program)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    out = os.fdopen(sys.stdout.fileno(), "w", buffering=1 << 16)
    out.write("READY\n")
    out.flush()
    # Until stdin closes (the run is over); then what is still queued is read before the count.
    while True:
        readable, _, _ = select.select([sock, sys.stdin], [], [])
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            break
        if sock in readable:
            record(sock.recvmsg(SNAP_BYTES, socket.CMSG_SPACE(16)), out)
    sock.setblocking(False)
    while True:
        try:
            record(sock.recvmsg(SNAP_BYTES, socket.CMSG_SPACE(16)), out)
        except BlockingIOError:
            break
    _packets, drops = struct.unpack("II", sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
    out.write(f"DROPS {drops}\n")
    out.flush()


def record(message, out):
    data, ancillary, _flags, address = message
    # On lo every segment is seen leaving and arriving: keep the arrival.
    if address[2] == PACKET_OUTGOING or len(data) < 14 + 20 + 20:
        return
    ip_header = (data[14] & 0x0F) * 4
    tcp = 14 + ip_header
    payload = tcp + (data[tcp + 12] >> 4) * 4
    head = data[payload : payload + 8]
    if not head.startswith(METHODS):
        return
    stamp_ns = 0
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            seconds, nanoseconds = struct.unpack("qq", value[:16])
            stamp_ns = seconds * 1_000_000_000 + nanoseconds
    destination = socket.inet_ntoa(data[30:34])
    source_port = struct.unpack("!H", data[tcp : tcp + 2])[0]
    method = head.split(b" ", 1)[0].decode("ascii")
    out.write(f"{stamp_ns} {destination} {source_port} {method}\n")


if __name__ == "__main__":
    main()
