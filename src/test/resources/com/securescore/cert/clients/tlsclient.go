// Go's crypto/tls and crypto/x509 as a client: connects to 127.0.0.1:PORT with ServerName HOST,
// trusting only CA_FILE. Prints ACCEPT, or REFUSE and the error as Go reports it.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	port, host, caFile := os.Args[1], os.Args[2], os.Args[3]
	pem, err := os.ReadFile(caFile)
	if err != nil {
		fmt.Println("ERROR " + err.Error())
		os.Exit(2)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	conn, err := tls.DialWithDialer(dialer, "tcp", "127.0.0.1:"+port,
		&tls.Config{ServerName: host, RootCAs: roots, NextProtos: []string{"h2"}})
	if err != nil {
		fmt.Println("REFUSE " + err.Error())
		return
	}
	conn.Close()
	fmt.Println("ACCEPT")
}
