//! The engine, linker and WASI store that both commands set up, and the steps that turn module bytes into an
//! instance, each failing with a one-line message.

use wasmtime::{Config, Engine, Instance, Linker, Module, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::WasiCtxBuilder;

use crate::{fail, one_line};

pub struct Runtime {
    pub engine: Engine,
    pub linker: Linker<WasiP1Ctx>,
    pub store: Store<WasiP1Ctx>,
}

impl Runtime {
    /// An engine with the default configuration (no compilation cache), a linker with WASI preview 1, and a
    /// store whose guest sees `argv`, an empty environment, the host's stdio and no preopened directories.
    pub fn new(argv: &[String]) -> Runtime {
        let engine = Engine::new(&Config::new())
            .unwrap_or_else(|e| fail(format!("cannot create engine: {}", one_line(&e))));
        let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
        p1::add_to_linker_sync(&mut linker, |cx| cx)
            .unwrap_or_else(|e| fail(format!("cannot define WASI: {}", one_line(&e))));
        let wasi = WasiCtxBuilder::new().args(argv).inherit_stdio().build_p1();
        let store = Store::new(&engine, wasi);
        Runtime { engine, linker, store }
    }

    pub fn compile(&self, bytes: &[u8], path: &str) -> Module {
        Module::new(&self.engine, bytes)
            .unwrap_or_else(|e| fail(format!("cannot compile module {}: {}", path, one_line(&e))))
    }

    pub fn instantiate(&mut self, module: &Module, path: &str) -> Instance {
        self.linker
            .instantiate(&mut self.store, module)
            .unwrap_or_else(|e| fail(format!("cannot instantiate module {}: {}", path, one_line(&e))))
    }
}

pub fn read_module(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| fail(format!("cannot read module {}: {}", path, e)))
}
