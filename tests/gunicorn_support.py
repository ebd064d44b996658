"""Gunicorn in tests, on a socket the test opens and hands over.

Picking a free port and letting gunicorn bind it later leaves a gap in which another process
(the other test leg's gunicorn, say) can take the port, and the test would then talk to a
server that is not its own. A socket bound here and passed as ``fd://N`` has no such gap.
"""

import socket


def listening_socket():
    """Return a loopback socket on a port the kernel chose, already listening."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def gunicorn_bind(sock):
    """Return gunicorn's bind address for ``sock`` (start it with ``pass_fds=[sock.fileno()]``)."""
    return f"fd://{sock.fileno()}"
