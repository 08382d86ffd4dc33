/* A switch-dispatched bytecode interpreter (stack machine with locals, jumps and calls). */
#include "pk.h"

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, DIVU, MOD, AND, XOR, SHL, SHR, LT, EQ, JMP, JZ, CALL, RET, DUP, DROP, SWAP, HALT };

static i64 stack[256];
static i64 frames[64][8];
static i64 retaddr[64];

static i64 run(const i32 *code, i64 arg) {
  i64 *sp = stack, (*fp)[8] = frames;
  i64 *rp = retaddr;
  int pc = 0;
  (*fp)[0] = arg;
  for (;;) {
    i32 op = code[pc++];
    switch (op) {
      case PUSH: *sp++ = code[pc++]; break;
      case LOAD: *sp++ = (*fp)[code[pc++]]; break;
      case STORE: (*fp)[code[pc++]] = *--sp; break;
      case ADD: sp--; sp[-1] = (i64)((u64)sp[-1] + (u64)sp[0]); break;
      case SUB: sp--; sp[-1] = (i64)((u64)sp[-1] - (u64)sp[0]); break;
      case MUL: sp--; sp[-1] = (i64)((u64)sp[-1] * (u64)sp[0]); break;
      case DIVU: sp--; sp[-1] = sp[0] ? (i64)((u64)sp[-1] / (u64)sp[0]) : 0; break;
      case MOD: sp--; sp[-1] = sp[0] ? sp[-1] % sp[0] : 0; break;
      case AND: sp--; sp[-1] &= sp[0]; break;
      case XOR: sp--; sp[-1] ^= sp[0]; break;
      case SHL: sp--; sp[-1] = (i64)((u64)sp[-1] << (sp[0] & 63)); break;
      case SHR: sp--; sp[-1] = (i64)((u64)sp[-1] >> (sp[0] & 63)); break;
      case LT: sp--; sp[-1] = sp[-1] < sp[0]; break;
      case EQ: sp--; sp[-1] = sp[-1] == sp[0]; break;
      case JMP: pc = code[pc]; break;
      case JZ: pc = *--sp ? pc + 1 : code[pc]; break;
      case CALL: *rp++ = pc + 1; fp++; (*fp)[0] = *--sp; pc = code[pc]; break;
      case RET: fp--; pc = (int)*--rp; break;
      case DUP: sp[0] = sp[-1]; sp++; break;
      case DROP: sp--; break;
      case SWAP: { i64 t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; break; }
      case HALT: return sp[-1];
      default: return -1;
    }
  }
}

/*
 * main(n): acc = 0; for i in 0..n: acc = (acc * 31 + fib(i % 40)) ^ (acc >> 7); halt acc
 * fib(k): iterative, in its own frame.
 */
static const i32 program[] = {
  /* 0 */ PUSH, 0, STORE, 1,            /* acc = 0 */
  /* 4 */ PUSH, 0, STORE, 2,            /* i = 0 */
  /* 8 */ LOAD, 2, LOAD, 0, LT, JZ, 45, /* while i < n */
  /* 15 */ LOAD, 1, PUSH, 31, MUL,
  /* 20 */ LOAD, 2, PUSH, 40, MOD, CALL, 49, ADD,
  /* 28 */ LOAD, 1, PUSH, 7, SHR, XOR, STORE, 1,
  /* 36 */ LOAD, 2, PUSH, 1, ADD, STORE, 2, JMP, 8,
  /* 45 */ LOAD, 1, HALT, HALT,
  /* fib: 49 */ PUSH, 0, STORE, 1, PUSH, 1, STORE, 2, /* a = 0, b = 1 */
  /* 57 */ LOAD, 0, PUSH, 0, EQ, JZ, 67, LOAD, 1, RET,
  /* 67 */ LOAD, 1, LOAD, 2, DUP, STORE, 1, ADD, STORE, 2, /* a, b = b, a + b */
  /* 77 */ LOAD, 0, PUSH, 1, SUB, STORE, 0, JMP, 57,
};

int main(void) {
  pk_check("interpreter, n = 1", (u64)run(program, 1), 0);
  u64 acc = 0;
  for (int round = 0; round < SCALE; round++) acc += (u64)run(program, 200 + round % 50);
  /* Reference in C for the same computation. */
  u64 want = 0;
  for (int round = 0; round < SCALE; round++) {
    u64 a = 0;
    for (int i = 0; i < 200 + round % 50; i++) {
      u64 f0 = 0, f1 = 1;
      for (int k = i % 40; k > 0; k--) {
        u64 t = f0 + f1;
        f0 = f1;
        f1 = t;
      }
      a = (a * 31 + f0) ^ (a >> 7);
    }
    want += a;
  }
  pk_check("interpreter == C", acc, want);
  return (int)pk_result(acc);
}
