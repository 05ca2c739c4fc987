package main

import (
	"net"
	"testing"
	"time"
)

// The listener accepts no more than its cap at once, and accepts again
// when a connection closes.
func TestLimitListener(t *testing.T) {
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := newLimitListener(tcp, 2)
	defer ln.Close()
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	for range 3 {
		c, err := net.Dial("tcp", tcp.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	var open []net.Conn
	for range 2 {
		open = append(open, <-accepted)
	}
	select {
	case <-accepted:
		t.Fatal("a third connection was accepted with a cap of 2")
	case <-time.After(100 * time.Millisecond):
	}
	open[0].Close()
	open[0].Close() // a second Close frees nothing more
	select {
	case c := <-accepted:
		c.Close()
	case <-time.After(2 * time.Second):
		t.Fatal("the third connection was not accepted after one closed")
	}
	open[1].Close()
	// One slot is the Accept waiting in the goroutine.
	time.Sleep(50 * time.Millisecond)
	if len(ln.slots) != 1 {
		t.Errorf("%d slots held after every connection closed, want 1 (the waiting Accept)", len(ln.slots))
	}
}

// A client that never reads cannot hold a response forever.
func TestServerTimeouts(t *testing.T) {
	srv := newServer(nil)
	if srv.WriteTimeout <= 0 || srv.ReadTimeout <= 0 || srv.ReadHeaderTimeout <= 0 {
		t.Errorf("timeouts: write %v, read %v, header %v", srv.WriteTimeout, srv.ReadTimeout, srv.ReadHeaderTimeout)
	}
}
