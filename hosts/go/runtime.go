package main

import (
	"github.com/bytecodealliance/wasmtime-go/v39"
)

// wasmRuntime is the engine, linker and WASI store that both commands set up.
type wasmRuntime struct {
	engine *wasmtime.Engine
	linker *wasmtime.Linker
	store  *wasmtime.Store
}

// newRuntime makes an engine with the default configuration (no compilation
// cache), a linker with WASI preview 1, and a store whose guest sees argv, an
// empty environment, the host's stdio and no preopened directories.
func newRuntime(argv []string) *wasmRuntime {
	engine := wasmtime.NewEngine()
	linker := wasmtime.NewLinker(engine)
	if err := linker.DefineWasi(); err != nil {
		fail("cannot define WASI: %s", firstLine(err.Error()))
	}
	wasi := wasmtime.NewWasiConfig()
	wasi.SetArgv(argv)
	wasi.SetEnv([]string{}, []string{})
	wasi.InheritStdin()
	wasi.InheritStdout()
	wasi.InheritStderr()
	store := wasmtime.NewStore(engine)
	store.SetWasi(wasi)
	return &wasmRuntime{engine: engine, linker: linker, store: store}
}

func (rt *wasmRuntime) compile(wasm []byte, path string) *wasmtime.Module {
	module, err := wasmtime.NewModule(rt.engine, wasm)
	if err != nil {
		fail("cannot compile module %s: %s", path, firstLine(err.Error()))
	}
	return module
}

func (rt *wasmRuntime) instantiate(module *wasmtime.Module, path string) *wasmtime.Instance {
	instance, err := rt.linker.Instantiate(rt.store, module)
	if err != nil {
		fail("cannot instantiate module %s: %s", path, firstLine(err.Error()))
	}
	return instance
}
