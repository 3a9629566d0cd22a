/* global N */
// Fannkuch-redux: for every permutation of 0..N-1, count the prefix reversals ("flips") needed
// until 0 comes first. The permutations are visited in the benchmark's rotation order; the
// checksum adds the flip counts of even-numbered permutations and subtracts those of odd ones.
// The last statement is [checksum, maxFlips].

function fannkuch(n) {
  var perm = [];
  var count = [];
  var p = [];
  for (var k = 0; k < n; k++) {
    perm.push(k);
    count.push(0);
    p.push(0);
  }
  var checksum = 0;
  var maxFlips = 0;
  var index = 0;
  var r = n;
  for (;;) {
    while (r > 1) {
      count[r - 1] = r;
      r--;
    }

    var first = perm[0];
    if (first !== 0) {
      for (var c = 0; c < n; c++) p[c] = perm[c];
      var flips = 0;
      while (first !== 0) {
        // Reverse p[0..first], inclusive.
        var lo = 0;
        var hi = first;
        while (lo < hi) {
          var t = p[lo];
          p[lo] = p[hi];
          p[hi] = t;
          lo++;
          hi--;
        }
        flips++;
        first = p[0];
      }
      if (flips > maxFlips) maxFlips = flips;
      if (index % 2 === 0) checksum += flips;
      else checksum -= flips;
    }

    // Next permutation: rotate the first r + 1 items left by one, carrying like an odometer.
    for (;;) {
      if (r === n) return [checksum, maxFlips];
      var head = perm[0];
      for (var i = 0; i < r; i++) perm[i] = perm[i + 1];
      perm[r] = head;
      count[r]--;
      if (count[r] > 0) break;
      r++;
    }
    index++;
  }
}

var result = fannkuch(N);
// The cell's value: the harness reads the last expression statement.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions
result;
