# gRPC's C core (Python grpcio, BoringSSL) as a client: one Predict call to 127.0.0.1:PORT, checking
# the certificate against HOST and trusting only CA_FILE. The server has no Predict service: an
# answer of any status but UNAVAILABLE means TLS was accepted. Prints ACCEPT, or REFUSE and the details.
import sys

import grpc

port, host, ca = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(ca, "rb") as f:
    creds = grpc.ssl_channel_credentials(root_certificates=f.read())
channel = grpc.secure_channel("127.0.0.1:%d" % port, creds,
                              options=[("grpc.ssl_target_name_override", host)])
predict = channel.unary_unary("/tensorflow.serving.PredictionService/Predict")
try:
    predict(bytes.fromhex("1217 0a06 696d 6167 6573 120d 0807 1204 1202 0801 4203 6162 63".replace(" ", "")),
            timeout=10)
    print("ACCEPT")
except grpc.RpcError as e:
    if e.code() == grpc.StatusCode.UNAVAILABLE:
        print("REFUSE " + str(e.details()))
    else:
        print("ACCEPT")
