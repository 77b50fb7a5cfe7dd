# Python's ssl (OpenSSL) as a client: connects to 127.0.0.1:PORT with SNI and the host check for HOST,
# trusting only CA_FILE. Prints ACCEPT, or REFUSE and the error as Python reports it.
import socket
import ssl
import sys

port, host, ca = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
ctx.set_alpn_protocols(["h2"])
try:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=host):
            print("ACCEPT")
except (ssl.SSLError, ssl.CertificateError) as e:
    print("REFUSE " + str(e))
