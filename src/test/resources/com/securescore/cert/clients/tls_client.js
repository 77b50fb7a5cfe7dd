// Node's tls (what grpc-js uses) as a client: connects to 127.0.0.1:PORT with servername HOST,
// trusting only CA_FILE. Prints ACCEPT, or REFUSE and the error code and message.
const fs = require('fs');
const tls = require('tls');
const [port, host, ca] = process.argv.slice(2);
const socket = tls.connect({host: '127.0.0.1', port: Number(port), servername: host,
    ca: fs.readFileSync(ca), ALPNProtocols: ['h2']}, () => {
  console.log('ACCEPT');
  socket.destroy();
});
socket.on('error', (e) => {
  console.log('REFUSE ' + (e.code ? e.code + ': ' : '') + e.message);
});
