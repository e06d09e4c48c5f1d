;; The keyword automaton's pass over a text, in WebAssembly: the same table lookups as the
;; JavaScript loop in keyword-automaton.ts, over the text's UTF-16 code units, in four streams.
;;
;; Each step waits on the previous step's table lookup. Four streams, each over a quarter of the
;; text, keep the processor busy while each waits; JavaScript can keep two such chains in
;; registers, WebAssembly four, which read a text in half the time. Compiled to the bytes in
;; keyword-scan-wasm.ts by `npm run wasm` (wabt); a test checks that the two agree.
;;
;; Memory (imported, laid out by the caller):
;;   table:   Int32 next state for (state, class) at table + (state + class) * 4; states
;;            pre-multiplied by the number of classes (a row), stored as their bitwise NOT where
;;            keywords end;
;;   classes: a byte per UTF-16 code unit, its class (0 for any character no keyword uses);
;;   hits:    four Int32 counts, then four regions of `capacity` records, one per stream, each
;;            record (state where keywords end, offset of the byte that ended them);
;;   text:    `n` UTF-16 code units, little-endian (as JavaScript strings hold them); for
;;            scanBytes, `n` bytes, one per character.
(module
  (memory (import "env" "memory") 1)

  ;; The state a stream is in after reading [from, to) from the start state, keywords ignored:
  ;; a later stream starts a longest keyword early, and is then in step with a stream that read
  ;; the text from its start.
  (func $settle (param $table i32) (param $classes i32) (param $from i32) (param $to i32) (result i32)
    (local $state i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $state
          (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $state)
              (i32.load8_u (i32.add (local.get $classes) (i32.load16_u (local.get $from)))))
              (i32.const 2)))))
        (if (i32.lt_s (local.get $state) (i32.const 0))
          (then (local.set $state (i32.xor (local.get $state) (i32.const -1)))))
        (local.set $from (i32.add (local.get $from) (i32.const 2)))
        (br $next)))
    (local.get $state))

  ;; Appends a record to stream `k`'s region; returns the region's new count, or -1 when it is full.
  (func $record (param $hits i32) (param $capacity i32) (param $k i32) (param $count i32) (param $state i32) (param $offset i32) (result i32)
    (local $at i32)
    (if (i32.ge_u (local.get $count) (local.get $capacity))
      (then (return (i32.const -1))))
    (local.set $at
      (i32.add (i32.add (local.get $hits) (i32.const 16))
        (i32.shl (i32.add (i32.mul (local.get $k) (local.get $capacity)) (local.get $count)) (i32.const 3))))
    (i32.store (local.get $at) (local.get $state))
    (i32.store offset=4 (local.get $at) (local.get $offset))
    (i32.add (local.get $count) (i32.const 1)))

  ;; Reads the n code units at `text`; returns 0, with the four counts and regions written at `hits`,
  ;; or -1 when a region filled up (the caller then reads the text another way).
  (func (export "scan") (param $text i32) (param $n i32) (param $table i32) (param $classes i32) (param $hits i32) (param $capacity i32) (param $runIn i32) (result i32)
    (local $q i32) (local $i i32)
    (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $at i32)
    ;; Each stream reads q units; p1, p2 and p3 are where the later ones start, in bytes.
    (local.set $q (i32.shr_u (local.get $n) (i32.const 2)))
    (local.set $p1 (i32.add (local.get $text) (i32.shl (local.get $q) (i32.const 1))))
    (local.set $p2 (i32.add (local.get $p1) (i32.shl (local.get $q) (i32.const 1))))
    (local.set $p3 (i32.add (local.get $p2) (i32.shl (local.get $q) (i32.const 1))))
    (local.set $s1 (call $settle (local.get $table) (local.get $classes) (call $later (local.get $text) (local.get $p1) (local.get $runIn)) (local.get $p1)))
    (local.set $s2 (call $settle (local.get $table) (local.get $classes) (call $later (local.get $text) (local.get $p2) (local.get $runIn)) (local.get $p2)))
    (local.set $s3 (call $settle (local.get $table) (local.get $classes) (call $later (local.get $text) (local.get $p3) (local.get $runIn)) (local.get $p3)))
    (block $full
      (block $done
        (loop $step
          (br_if $done (i32.ge_u (local.get $i) (local.get $q)))
          (local.set $at (i32.shl (local.get $i) (i32.const 1)))
          (local.set $s0 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s0)
              (i32.load8_u (i32.add (local.get $classes) (i32.load16_u (i32.add (local.get $text) (local.get $at))))))
              (i32.const 2)))))
          (local.set $s1 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s1)
              (i32.load8_u (i32.add (local.get $classes) (i32.load16_u (i32.add (local.get $p1) (local.get $at))))))
              (i32.const 2)))))
          (local.set $s2 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s2)
              (i32.load8_u (i32.add (local.get $classes) (i32.load16_u (i32.add (local.get $p2) (local.get $at))))))
              (i32.const 2)))))
          (local.set $s3 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s3)
              (i32.load8_u (i32.add (local.get $classes) (i32.load16_u (i32.add (local.get $p3) (local.get $at))))))
              (i32.const 2)))))
          ;; Keywords end in one of the streams: rare, so one test for all four.
          (if (i32.lt_s (i32.or (i32.or (local.get $s0) (local.get $s1)) (i32.or (local.get $s2) (local.get $s3))) (i32.const 0))
            (then
              (if (i32.lt_s (local.get $s0) (i32.const 0))
                (then
                  (local.set $s0 (i32.xor (local.get $s0) (i32.const -1)))
                  (local.set $c0 (call $record (local.get $hits) (local.get $capacity) (i32.const 0) (local.get $c0) (local.get $s0) (local.get $i)))
                  (br_if $full (i32.lt_s (local.get $c0) (i32.const 0)))))
              (if (i32.lt_s (local.get $s1) (i32.const 0))
                (then
                  (local.set $s1 (i32.xor (local.get $s1) (i32.const -1)))
                  (local.set $c1 (call $record (local.get $hits) (local.get $capacity) (i32.const 1) (local.get $c1) (local.get $s1)
                    (i32.add (local.get $q) (local.get $i))))
                  (br_if $full (i32.lt_s (local.get $c1) (i32.const 0)))))
              (if (i32.lt_s (local.get $s2) (i32.const 0))
                (then
                  (local.set $s2 (i32.xor (local.get $s2) (i32.const -1)))
                  (local.set $c2 (call $record (local.get $hits) (local.get $capacity) (i32.const 2) (local.get $c2) (local.get $s2)
                    (i32.add (i32.shl (local.get $q) (i32.const 1)) (local.get $i))))
                  (br_if $full (i32.lt_s (local.get $c2) (i32.const 0)))))
              (if (i32.lt_s (local.get $s3) (i32.const 0))
                (then
                  (local.set $s3 (i32.xor (local.get $s3) (i32.const -1)))
                  (local.set $c3 (call $record (local.get $hits) (local.get $capacity) (i32.const 3) (local.get $c3) (local.get $s3)
                    (i32.add (i32.mul (local.get $q) (i32.const 3)) (local.get $i))))
                  (br_if $full (i32.lt_s (local.get $c3) (i32.const 0)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $step)))
      ;; The last stream reads the (at most three) units left over.
      (local.set $i (i32.shl (local.get $q) (i32.const 2)))
      (block $end
        (loop $tail
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $s3 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s3)
              (i32.load8_u (i32.add (local.get $classes) (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $i) (i32.const 1)))))))
              (i32.const 2)))))
          (if (i32.lt_s (local.get $s3) (i32.const 0))
            (then
              (local.set $s3 (i32.xor (local.get $s3) (i32.const -1)))
              (local.set $c3 (call $record (local.get $hits) (local.get $capacity) (i32.const 3) (local.get $c3) (local.get $s3) (local.get $i)))
              (br_if $full (i32.lt_s (local.get $c3) (i32.const 0)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $tail)))
      (i32.store (local.get $hits) (local.get $c0))
      (i32.store offset=4 (local.get $hits) (local.get $c1))
      (i32.store offset=8 (local.get $hits) (local.get $c2))
      (i32.store offset=12 (local.get $hits) (local.get $c3))
      (return (i32.const 0)))
    (i32.const -1))

  ;; Where a stream starting at `start` begins its run-in: `runIn` units early, not before `text`.
  (func $later (param $text i32) (param $start i32) (param $runIn i32) (result i32)
    (local $back i32)
    (local.set $back (i32.shl (local.get $runIn) (i32.const 1)))
    (select (i32.sub (local.get $start) (local.get $back)) (local.get $text)
      (i32.gt_u (i32.sub (local.get $start) (local.get $text)) (local.get $back))))
  ;; The same pass over bytes: a text whose characters are all below 256 (Latin-1, so ASCII), as
  ;; one byte each, read from a file with no copy as UTF-16. The same functions, a unit a byte.

  ;; The state a stream is in after reading [from, to) from the start state, keywords ignored:
  ;; a later stream starts a longest keyword early, and is then in step with a stream that read
  ;; the text from its start.
  (func $settle8 (param $table i32) (param $classes i32) (param $from i32) (param $to i32) (result i32)
    (local $state i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $state
          (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $state)
              (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (local.get $from)))))
              (i32.const 2)))))
        (if (i32.lt_s (local.get $state) (i32.const 0))
          (then (local.set $state (i32.xor (local.get $state) (i32.const -1)))))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $next)))
    (local.get $state))

  ;; Reads the n bytes at `text`; returns 0, with the four counts and regions written at `hits`,
  ;; or -1 when a region filled up (the caller then reads the text another way).
  (func (export "scanBytes") (param $text i32) (param $n i32) (param $table i32) (param $classes i32) (param $hits i32) (param $capacity i32) (param $runIn i32) (result i32)
    (local $q i32) (local $i i32)
    (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $at i32)
    ;; Each stream reads q units; p1, p2 and p3 are where the later ones start, in bytes.
    (local.set $q (i32.shr_u (local.get $n) (i32.const 2)))
    (local.set $p1 (i32.add (local.get $text) (local.get $q)))
    (local.set $p2 (i32.add (local.get $p1) (local.get $q)))
    (local.set $p3 (i32.add (local.get $p2) (local.get $q)))
    (local.set $s1 (call $settle8 (local.get $table) (local.get $classes) (call $later8 (local.get $text) (local.get $p1) (local.get $runIn)) (local.get $p1)))
    (local.set $s2 (call $settle8 (local.get $table) (local.get $classes) (call $later8 (local.get $text) (local.get $p2) (local.get $runIn)) (local.get $p2)))
    (local.set $s3 (call $settle8 (local.get $table) (local.get $classes) (call $later8 (local.get $text) (local.get $p3) (local.get $runIn)) (local.get $p3)))
    (block $full
      (block $done
        (loop $step
          (br_if $done (i32.ge_u (local.get $i) (local.get $q)))
          (local.set $at (local.get $i))
          (local.set $s0 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s0)
              (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (i32.add (local.get $text) (local.get $at))))))
              (i32.const 2)))))
          (local.set $s1 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s1)
              (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (i32.add (local.get $p1) (local.get $at))))))
              (i32.const 2)))))
          (local.set $s2 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s2)
              (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (i32.add (local.get $p2) (local.get $at))))))
              (i32.const 2)))))
          (local.set $s3 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s3)
              (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (i32.add (local.get $p3) (local.get $at))))))
              (i32.const 2)))))
          ;; Keywords end in one of the streams: rare, so one test for all four.
          (if (i32.lt_s (i32.or (i32.or (local.get $s0) (local.get $s1)) (i32.or (local.get $s2) (local.get $s3))) (i32.const 0))
            (then
              (if (i32.lt_s (local.get $s0) (i32.const 0))
                (then
                  (local.set $s0 (i32.xor (local.get $s0) (i32.const -1)))
                  (local.set $c0 (call $record (local.get $hits) (local.get $capacity) (i32.const 0) (local.get $c0) (local.get $s0) (local.get $i)))
                  (br_if $full (i32.lt_s (local.get $c0) (i32.const 0)))))
              (if (i32.lt_s (local.get $s1) (i32.const 0))
                (then
                  (local.set $s1 (i32.xor (local.get $s1) (i32.const -1)))
                  (local.set $c1 (call $record (local.get $hits) (local.get $capacity) (i32.const 1) (local.get $c1) (local.get $s1)
                    (i32.add (local.get $q) (local.get $i))))
                  (br_if $full (i32.lt_s (local.get $c1) (i32.const 0)))))
              (if (i32.lt_s (local.get $s2) (i32.const 0))
                (then
                  (local.set $s2 (i32.xor (local.get $s2) (i32.const -1)))
                  (local.set $c2 (call $record (local.get $hits) (local.get $capacity) (i32.const 2) (local.get $c2) (local.get $s2)
                    (i32.add (i32.shl (local.get $q) (i32.const 1)) (local.get $i))))
                  (br_if $full (i32.lt_s (local.get $c2) (i32.const 0)))))
              (if (i32.lt_s (local.get $s3) (i32.const 0))
                (then
                  (local.set $s3 (i32.xor (local.get $s3) (i32.const -1)))
                  (local.set $c3 (call $record (local.get $hits) (local.get $capacity) (i32.const 3) (local.get $c3) (local.get $s3)
                    (i32.add (i32.mul (local.get $q) (i32.const 3)) (local.get $i))))
                  (br_if $full (i32.lt_s (local.get $c3) (i32.const 0)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $step)))
      ;; The last stream reads the (at most three) units left over.
      (local.set $i (i32.shl (local.get $q) (i32.const 2)))
      (block $end
        (loop $tail
          (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $s3 (i32.load (i32.add (local.get $table)
            (i32.shl (i32.add (local.get $s3)
              (i32.load8_u (i32.add (local.get $classes) (i32.load8_u (i32.add (local.get $text) (local.get $i))))))
              (i32.const 2)))))
          (if (i32.lt_s (local.get $s3) (i32.const 0))
            (then
              (local.set $s3 (i32.xor (local.get $s3) (i32.const -1)))
              (local.set $c3 (call $record (local.get $hits) (local.get $capacity) (i32.const 3) (local.get $c3) (local.get $s3) (local.get $i)))
              (br_if $full (i32.lt_s (local.get $c3) (i32.const 0)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $tail)))
      (i32.store (local.get $hits) (local.get $c0))
      (i32.store offset=4 (local.get $hits) (local.get $c1))
      (i32.store offset=8 (local.get $hits) (local.get $c2))
      (i32.store offset=12 (local.get $hits) (local.get $c3))
      (return (i32.const 0)))
    (i32.const -1))

  ;; Where a stream starting at `start` begins its run-in: `runIn` units early, not before `text`.
  (func $later8 (param $text i32) (param $start i32) (param $runIn i32) (result i32)
    (local $back i32)
    (local.set $back (local.get $runIn))
    (select (i32.sub (local.get $start) (local.get $back)) (local.get $text)
      (i32.gt_u (i32.sub (local.get $start) (local.get $text)) (local.get $back)))))
