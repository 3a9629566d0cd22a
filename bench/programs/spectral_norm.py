# Spectral norm: the largest singular value of the infinite matrix
# A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1), estimated on its N x N corner by
# 10 rounds of the power method on A^T A. The last line is the estimate, rounded to 9 decimals.
import math


def a_entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times_a(u, n):
    # (A u)[i] = sum over j of A(i, j) u[j]
    out = [0.0] * n
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(i, j) * u[j]
        out[i] = total
    return out


def times_a_transpose(u, n):
    # (A^T u)[i] = sum over j of A(j, i) u[j]
    out = [0.0] * n
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(j, i) * u[j]
        out[i] = total
    return out


def times_ata(u, n):
    return times_a_transpose(times_a(u, n), n)


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u, n)
        u = times_ata(v, n)
    uv = 0.0
    vv = 0.0
    for i in range(n):
        uv += u[i] * v[i]
        vv += v[i] * v[i]
    return round(math.sqrt(uv / vv), 9)


result = spectral_norm(N)
result
