# Fannkuch-redux: for every permutation of 0..N-1, count the prefix reversals ("flips") needed
# until 0 comes first. The permutations are visited in the benchmark's rotation order; the
# checksum adds the flip counts of even-numbered permutations and subtracts those of odd ones.
# The last line is [checksum, maxFlips].


def fannkuch(n):
    perm = list(range(n))
    count = [0] * n
    checksum = 0
    max_flips = 0
    index = 0
    r = n
    while True:
        while r > 1:
            count[r - 1] = r
            r -= 1

        first = perm[0]
        if first != 0:
            p = perm[:]
            flips = 0
            while first != 0:
                # Reverse p[0..first], inclusive.
                lo = 0
                hi = first
                while lo < hi:
                    p[lo], p[hi] = p[hi], p[lo]
                    lo += 1
                    hi -= 1
                flips += 1
                first = p[0]
            if flips > max_flips:
                max_flips = flips
            if index % 2 == 0:
                checksum += flips
            else:
                checksum -= flips

        # Next permutation: rotate the first r + 1 items left by one, carrying like an odometer.
        while True:
            if r == n:
                return [checksum, max_flips]
            head = perm[0]
            for i in range(r):
                perm[i] = perm[i + 1]
            perm[r] = head
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        index += 1


result = fannkuch(N)
result
