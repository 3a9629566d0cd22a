/**
 * The WAT module the WASM tests share (unit and e2e): add and divide on i32, fib on i64, half
 * on f64, a trap, byte reads and sums over the memory, and memory.grow from inside.
 */
export const MATH_WAT = `(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "fib") (param $n i64) (result i64) (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done (loop $next
      (br_if $done (i64.eqz (local.get $n)))
      (local.set $t (i64.add (local.get $a) (local.get $b)))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br $next)))
    (local.get $a))
  (func (export "half") (param f64) (result f64) (f64.div (local.get 0) (f64.const 2)))
  (func (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "boom") unreachable)
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "sum") (param i32 i32) (result i32) (local $total i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get 1)))
      (local.set $total (i32.add (local.get $total) (i32.load8_u (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
      (br $next)))
    (local.get $total))
  (func (export "grow_inside") (param i32) (result i32) (memory.grow (local.get 0))))`;
