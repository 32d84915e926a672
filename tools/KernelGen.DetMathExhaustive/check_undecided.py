"""Settles the inputs the double references could not decide, with mpmath at 200 bits.

Input: the file written by KernelGen.DetMathExhaustive --undecided-file, one line per input:
    <Function> <input bits, hex> <DetMath result bits, hex>
Prints each input with the correctly rounded float and whether DetMath returned it; exits 1 if any
was misrounded. Run: python3 check_undecided.py undecided.txt (mpmath 1.3).
"""
import struct
import sys

import mpmath as mp

mp.mp.prec = 200


def to_float(bits):
    return mp.mpf(struct.unpack('>f', struct.pack('>I', bits))[0])


def round_to_float_bits(v):
    """v rounded to nearest binary32, ties to even, subnormals and overflow included."""
    if v == 0:
        return 0x8000_0000 if mp.sign(v) < 0 else 0  # callers pass signed zeros through mpf(-0.0)
    sign = 0x8000_0000 if v < 0 else 0
    a = abs(v)
    e = int(mp.floor(mp.log(a, 2)))
    quantum = mp.ldexp(1, max(e, -126) - 23)
    q = a / quantum
    n = int(mp.floor(q))
    frac = q - n
    if frac > 0.5 or (frac == 0.5 and n % 2 == 1):
        n += 1
    value = n * quantum
    if value >= mp.ldexp(1, 128):
        return sign | 0x7F80_0000
    return sign | struct.unpack('>I', struct.pack('>f', float(value)))[0]


SQRT_2_OVER_PI = mp.sqrt(2 / mp.pi)
FUNCTIONS = {
    'Exp': mp.exp,
    'Log': mp.log,
    'Tanh': mp.tanh,
    'Erf': mp.erf,
    'Sigmoid': lambda x: 1 / (1 + mp.exp(-x)),
    'Silu': lambda x: x / (1 + mp.exp(-x)),
    'Gelu': lambda x: x / 2 * mp.erfc(-x / mp.sqrt(2)),
    'GeluTanh': lambda x: x / (1 + mp.exp(-2 * SQRT_2_OVER_PI * (x + mp.mpf('0.044715') * x ** 3))),
    'Rsqrt': lambda x: 1 / mp.sqrt(x),
}


# Limits that DetMath documents where the formulas above are NaN or undefined (docs/detmath.md,
# "Special values"): the value at an infinite argument, as float bits.
LIMITS = {
    ('Silu', '-inf'): 0x8000_0000,
    ('Silu', '+inf'): 0x7F80_0000,
    ('Gelu', '-inf'): 0x8000_0000,
    ('Gelu', '+inf'): 0x7F80_0000,
    ('GeluTanh', '-inf'): 0x8000_0000,
    ('GeluTanh', '+inf'): 0x7F80_0000,
    ('Sigmoid', '-inf'): 0x0000_0000,
    ('Sigmoid', '+inf'): 0x3F80_0000,
    ('Tanh', '-inf'): 0xBF80_0000,
    ('Tanh', '+inf'): 0x3F80_0000,
    ('Erf', '-inf'): 0xBF80_0000,
    ('Erf', '+inf'): 0x3F80_0000,
    ('Exp', '-inf'): 0x0000_0000,
    ('Exp', '+inf'): 0x7F80_0000,
    ('Log', '+inf'): 0x7F80_0000,
    ('Rsqrt', '+inf'): 0x0000_0000,
}
CANONICAL_NAN = 0x7FC0_0000


def expected_bits(name, bits):
    """The correctly rounded result of function name at the float with these bits."""
    if bits & 0x7FFF_FFFF > 0x7F80_0000:
        return CANONICAL_NAN
    if bits & 0x7FFF_FFFF == 0x7F80_0000:  # mpmath cannot round an infinite value to float bits
        key = (name, '-inf' if bits & 0x8000_0000 else '+inf')
        return LIMITS.get(key, CANONICAL_NAN)
    value = FUNCTIONS[name](to_float(bits))
    if not mp.isfinite(value):
        return 0x7F80_0000 if value > 0 else 0xFF80_0000 if value < 0 else CANONICAL_NAN
    return round_to_float_bits(value)


def main(path):
    bad = 0
    with open(path) as lines:
        for line in lines:
            name, input_hex, result_hex = line.split()
            expected = expected_bits(name, int(input_hex, 16))
            actual = int(result_hex, 16)
            verdict = 'ok' if expected == actual else 'MISROUNDED'
            bad += expected != actual
            print(f'{name} {input_hex} -> {actual:08X}, correctly rounded {expected:08X}: {verdict}')
    print('all correctly rounded' if bad == 0 else f'{bad} misrounded')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
