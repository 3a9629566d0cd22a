//! A WASM cell built from Rust: Adler-32 over bytes that a Python or JavaScript cell writes into
//! the module's memory, and the Collatz step count of the `wasm-hot-loop` example.
//! Rebuild with `npm run build:rust-example` (needs rustc with the wasm32-unknown-unknown target).
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

const BUFFER_BYTES: usize = 65536;
static mut BUFFER: [u8; BUFFER_BYTES] = [0; BUFFER_BYTES];

/// Where cells write the bytes to checksum.
#[no_mangle]
pub extern "C" fn buffer() -> u32 {
    unsafe { core::ptr::addr_of!(BUFFER) as u32 }
}

/// The size of that buffer.
#[no_mangle]
pub extern "C" fn buffer_size() -> u32 {
    BUFFER_BYTES as u32
}

/// Adler-32 of the first `len` bytes of the buffer; traps when `len` is past its end.
#[no_mangle]
pub extern "C" fn adler32(len: u32) -> u32 {
    let bytes = unsafe { &*core::ptr::addr_of!(BUFFER) };
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &bytes[..len as usize] {
        a = (a + byte as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// The steps every n below `limit` takes to reach 1 under the Collatz rule, added up.
#[no_mangle]
pub extern "C" fn collatz_total(limit: u32) -> u64 {
    let mut total = 0u64;
    for start in 1..limit as u64 {
        let mut n = start;
        while n > 1 {
            n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
            total += 1;
        }
    }
    total
}
