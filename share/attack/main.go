//go:build !js

// Command attack plays the hostile clients of issue 23 against a running
// `qalb serve` on loopback and prints the server's peak memory after each:
// 300 clients that GET a 5 MiB report and never read, 400 that send only
// headers announcing a 5 MiB body, then one client posting 5 MiB reports
// until its daily quota answers 507. It exits non-zero when the server's
// peak RSS passes -max-mb (default 300) or a quota is not enforced.
//
//	qalb serve -addr 127.0.0.1:PORT -data DIR -share-rate 0 &
//	go run ./share/attack -url http://127.0.0.1:PORT/ -pid $!
//
// Linux only (it reads /proc/PID/status). Loopback targets only.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	target := flag.String("url", "", "the server, http://127.0.0.1:PORT/")
	pid := flag.Int("pid", 0, "the server's process id")
	maxMB := flag.Int("max-mb", 300, "the most peak RSS allowed, in MB")
	flag.Parse()
	u, err := url.Parse(*target)
	if err != nil || *pid == 0 {
		fail("usage: attack -url http://127.0.0.1:PORT/ -pid PID")
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		fail("loopback targets only")
	}
	base := strings.TrimSuffix(*target, "/")
	const size = 5 << 20
	resp, err := http.Post(base+"/api/reports", "application/octet-stream", bytes.NewReader(bytes.Repeat([]byte{1}, size)))
	if err != nil || resp.StatusCode != http.StatusCreated {
		fail(fmt.Sprintf("first post: %v %v", err, resp))
	}
	loc := resp.Header.Get("Location")
	resp.Body.Close()
	bad := false
	check := func(what string) {
		hwm := peakKB(*pid)
		fmt.Printf("%-40s peak RSS %d MB\n", what, hwm/1000)
		if hwm/1000 > *maxMB {
			bad = true
		}
	}
	check("one 5 MiB report stored")
	hold := func(n int, req string) {
		var conns []net.Conn
		for range n {
			c, err := net.Dial("tcp", u.Host)
			if err != nil {
				break
			}
			c.(*net.TCPConn).SetReadBuffer(4096)
			fmt.Fprint(c, req)
			conns = append(conns, c)
		}
		time.Sleep(5 * time.Second)
		for _, c := range conns {
			c.Close()
		}
	}
	hold(300, "GET "+loc+" HTTP/1.1\r\nHost: x\r\n\r\n")
	check("300 GETs that never read")
	hold(400, "POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "+strconv.Itoa(size)+"\r\n\r\n")
	check("400 POSTs of headers only")
	codes := map[int]int{}
	for range 20 {
		resp, err := http.Post(base+"/api/reports", "application/octet-stream", bytes.NewReader(bytes.Repeat([]byte{2}, size)))
		if err != nil {
			continue
		}
		codes[resp.StatusCode]++
		resp.Body.Close()
	}
	check(fmt.Sprintf("20 posts of 5 MiB: %v", codes))
	if codes[http.StatusInsufficientStorage] == 0 {
		fmt.Println("no 507: the daily quota was not enforced")
		bad = true
	}
	if bad {
		os.Exit(1)
	}
}

// peakKB is VmHWM of the process.
func peakKB(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		fail(err.Error())
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "attack:", msg)
	os.Exit(2)
}
