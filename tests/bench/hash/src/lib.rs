//! SHA-256 computed in wasm by the sha2 crate: `sha256(bytes)` for a whole file, and `Hasher`
//! fed in chunks (a file read piece by piece never has to be copied into wasm memory whole).

use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

#[wasm_bindgen]
#[derive(Default)]
pub struct Hasher(Sha256);

#[wasm_bindgen]
impl Hasher {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Hasher {
        Hasher::default()
    }

    pub fn update(&mut self, chunk: &[u8]) {
        self.0.update(chunk);
    }

    pub fn finish(self) -> Vec<u8> {
        self.0.finalize().to_vec()
    }
}
