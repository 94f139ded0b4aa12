//go:build !wasm

package page

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Natively there are no panes to size.

func dragPane(kind string, pointer app.Value) {}
func nudgePane(kind string, d float64)        {}
func restorePanes()                           {}
func resetPanes()                             {}
