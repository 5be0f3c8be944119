/* The flat C ABI between ActorVm (C#, P/Invoke) and V8. Nothing C++ crosses it. */
#ifndef AVM_V8_H
#define AVM_V8_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of the values that cross between JS and host functions. */
enum {
  AVM_UNDEFINED = 0,
  AVM_NULL = 1,
  AVM_BOOL = 2,
  AVM_NUMBER = 3,
  AVM_STRING = 4,
  /* Any other JS value. It is never converted, so getters, toString and valueOf never run. */
  AVM_OBJECT = 5
};

typedef struct {
  int32_t kind;
  int32_t len;     /* AVM_STRING: bytes of UTF-8 */
  const char *str; /* AVM_STRING: UTF-8, not NUL-terminated */
  double number;   /* AVM_NUMBER; AVM_BOOL as 0 or 1 */
} avm_value;

/* A host function. Returns 0 and sets *result; or 1 and sets *result to an AVM_STRING message,
 * which the shim throws as a JS Error; or 2 to end the whole run at once (no JS runs after it). Strings in *result must stay valid until the
 * host function is called again on the same call context; the shim copies them at once. */
typedef int32_t (*avm_host_fn)(void *call_ctx, const avm_value *args, int32_t argc, avm_value *result);

/* Installs host function `fn` as method `name` of the host object each call's runtime receives. */
typedef struct {
  const char *name;
  avm_host_fn fn;
} avm_host_binding;

enum {
  AVM_OK = 0,
  AVM_EXCEPTION = 1,     /* a JS exception or a compile error; text holds its message */
  AVM_TERMINATED = 2,    /* avm_isolate_terminate was called during the run */
  AVM_OUT_OF_MEMORY = 3, /* the heap limit was reached; the isolate must be disposed */
  AVM_INVALID = 4,       /* misuse of the ABI (for example a poisoned isolate) */
  AVM_OUT_OF_GAS = 5,    /* the call's gas meter ran out */
  AVM_STACK_OVERFLOW = 6 /* V8 ran out of native stack; the call was ended where a contract could have caught it */
};

typedef struct {
  int32_t status;
  int32_t has_result; /* AVM_OK: 0 when the harness returned undefined */
  const char *text;   /* result JSON or error message, owned by the isolate until its next call */
  int32_t len;
  int32_t line;   /* of an exception, 1-based; 0 when unknown */
  int32_t column; /* 1-based; 0 when unknown */
  const char *script; /* the module an exception came from, owned like text */
  int32_t script_len;
  double gas_used;
} avm_outcome;

typedef struct avm_isolate avm_isolate;

/* Which snapshot context a library script belongs to: the runtime every call gets, or the compiler
 * that only the compile phase uses (kept apart so that calls do not pay for it). */
enum { AVM_RUNTIME_CONTEXT = 0, AVM_COMPILER_CONTEXT = 1 };

/* The module handle that asks avm_call for the compiler context instead of the runtime one. */
#define AVM_COMPILER (-2)

/* Initialises V8 and makes the startup snapshot by running the library scripts of each context in
 * order, once per process; later calls only report the first outcome. Returns 0, or 1 with a
 * message in error. */
int32_t avm_initialize(const char *const *scripts, const int32_t *lengths, const char *const *names,
                       const int32_t *contexts, int32_t count, char *error, int32_t error_capacity);

/* The V8 version string, static. */
const char *avm_v8_version(void);

/* What a new isolate starts from. */
enum {
  AVM_SNAPSHOT_NONE = 0,         /* runs the library scripts in every new context (for comparison) */
  AVM_SNAPSHOT_CALLS = 1,        /* the runtime only: calls, no compile (AVM_COMPILER is AVM_INVALID) */
  AVM_SNAPSHOT_WITH_COMPILER = 2 /* the runtime and the compiler, a larger snapshot to start from */
};

/* A new isolate limited to heap_limit_bytes, started as `snapshot` says. Bindings are copied. */
avm_isolate *avm_isolate_new(size_t heap_limit_bytes, int32_t snapshot, const avm_host_binding *bindings,
                             int32_t count);

/* Disposes; an isolate held (avm_isolate_hold) is disposed on its holding thread. */
void avm_isolate_dispose(avm_isolate *isolate);

/* The calling thread keeps the isolate's lock, entered, until the isolate is disposed: each call then
 * skips taking it and giving it back, which costs V8 a save and restore of the thread's state. Only
 * for an owner that makes every call, and the dispose, on this one thread (avm_isolate_terminate
 * stays safe from any thread). */
void avm_isolate_hold(avm_isolate *isolate);

/* Stops the running call, if any; safe from any thread. */
void avm_isolate_terminate(avm_isolate *isolate);

/* Drops a termination requested after the last call had already ended, so it cannot hit the next. */
void avm_isolate_cancel_terminate(avm_isolate *isolate);

/* 1 after the heap limit was reached: the owner must dispose the isolate and make a new one. */
int32_t avm_isolate_poisoned(avm_isolate *isolate);

/* Compiles a contract's instrumented modules, each wrapped as function($gas) returning the
 * CommonJS module function, consuming a V8 code cache where one is given (cache_lens[i] > 0).
 * On success sets *handle; on failure fills out and returns its status. */
int32_t avm_modules_load(avm_isolate *isolate, int32_t count, const char *const *names, const char *const *sources,
                         const int32_t *source_lengths, const uint8_t *const *caches, const int32_t *cache_lengths,
                         int32_t *handle, avm_outcome *out);

/* The code cache of module `index` (made on first request) and whether a given cache was rejected. With
 * data null, only whether it was rejected: no cache is made. */
int32_t avm_modules_cache(avm_isolate *isolate, int32_t handle, int32_t index, const uint8_t **data, int32_t *length,
                          int32_t *rejected);

void avm_modules_release(avm_isolate *isolate, int32_t handle);

/* Prepares an idle context for the modules of `handle` ahead of their first call: the runtime's setup
 * runs, no contract code does. Returns the status; on failure out holds why. */
int32_t avm_prepare(avm_isolate *isolate, int32_t handle, avm_outcome *out);

/* Runs one call: the runtime's run(inputs...) in a context prepared for the modules of `handle` (none
 * when handle < 0; AVM_COMPILER for the compiler context). Inputs are converted like host function
 * results and copied at once. A prepared context has had __avm.setup(host, modules) run once and is
 * reused by later calls until a call in it is terminated; a new one is made when none is idle. Host
 * functions receive call_ctx. Calls may nest (a host function may call again on the same thread).
 * Returns out->status. */
int32_t avm_call(avm_isolate *isolate, void *call_ctx, int32_t handle, const avm_value *inputs, int32_t count,
                 avm_outcome *out);

#ifdef __cplusplus
}
#endif

#endif
