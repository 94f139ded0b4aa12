// Package browser holds the playground's browser tests: chromedp drives
// Debian's chromium headless against `netplay serve` on 127.0.0.1 and
// saves a screenshot of each step under artifacts/page/ (gitignored).
// They run when NETPLAY_BROWSER=1 (make test-browser, part of make test)
// after make has built web/; TestBench* print BENCH lines when
// NETPLAY_BENCH=1.
package browser
