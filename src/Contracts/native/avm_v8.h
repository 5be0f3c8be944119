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

/* A host function. Returns 0 and sets *result, or non-zero and sets *result to an AVM_STRING
 * message, which the shim throws as a JS Error. Strings in *result must stay valid until the
 * host function is called again on the same call context; the shim copies them at once. */
typedef int32_t (*avm_host_fn)(void *call_ctx, const avm_value *args, int32_t argc, avm_value *result);

/* Installs host function `fn` as globalThis[object][name]. */
typedef struct {
  const char *object;
  const char *name;
  avm_host_fn fn;
} avm_host_binding;

enum {
  AVM_OK = 0,
  AVM_EXCEPTION = 1,     /* a JS exception or a compile error; text holds its message */
  AVM_TERMINATED = 2,    /* avm_isolate_terminate was called during the run */
  AVM_OUT_OF_MEMORY = 3, /* the heap limit was reached; the isolate must be disposed */
  AVM_INVALID = 4        /* misuse of the ABI (for example a poisoned isolate) */
};

typedef struct {
  int32_t status;
  int32_t has_result; /* AVM_OK: 0 when the method returned undefined */
  const char *text;   /* result JSON or error message, owned by the isolate until its next call */
  int32_t len;
  int32_t line;   /* of an exception in the contract, 1-based; 0 when unknown */
  int32_t column; /* 1-based; 0 when unknown */
} avm_outcome;

typedef struct avm_isolate avm_isolate;

/* Initialises V8 once per process; later calls do nothing. */
void avm_initialize(void);

/* The V8 version string, static. */
const char *avm_v8_version(void);

/* A new isolate limited to heap_limit_bytes. runtime_js evaluates to the call harness
 * function(factory, method, argsJson). Bindings are copied. */
avm_isolate *avm_isolate_new(size_t heap_limit_bytes, const char *runtime_js, int32_t runtime_len,
                             const avm_host_binding *bindings, int32_t count);

void avm_isolate_dispose(avm_isolate *isolate);

/* Stops the running call, if any; safe from any thread. */
void avm_isolate_terminate(avm_isolate *isolate);

/* Drops a termination requested after the last call had already ended, so it cannot hit the next. */
void avm_isolate_cancel_terminate(avm_isolate *isolate);

/* 1 after the heap limit was reached: the owner must dispose the isolate and make a new one. */
int32_t avm_isolate_poisoned(avm_isolate *isolate);

/* Runs method of the class exported by the contract source in a fresh context, with the JSON
 * array args as arguments. Host functions receive call_ctx. Returns out->status. */
int32_t avm_call(avm_isolate *isolate, void *call_ctx, const char *source, int32_t source_len,
                 const char *method, int32_t method_len, const char *args_json, int32_t args_len,
                 avm_outcome *out);

#ifdef __cplusplus
}
#endif

#endif
