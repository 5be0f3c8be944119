// Shared by the shim's files: the isolate wrapper and the helpers each part uses.
#ifndef AVM_INTERNAL_H
#define AVM_INTERNAL_H

#include "avm_v8.h"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace avm {

struct Script {
  std::string name;
  std::string source;
  int32_t context;
};

struct Isolate;

struct Binding {
  Isolate *owner;
  std::string name;
  avm_host_fn fn;
};

// One call in progress; host calls may start nested calls, so they stack.
struct Frame {
  void *call_ctx;
  double gas;
  bool out_of_gas;
  bool retire;  // the call left its context in a state that cannot be put back: do not reuse it
  bool overflow;  // V8 reported a native stack overflow during the call
  bool fatal;     // the runtime ended the call with an error no contract code may catch (fatal_text)
  std::string fatal_text;
};

// A context prepared for calls: the runtime's setup ran in it once (API installed, globals frozen,
// modules bound) and `run` serves one call at a time. Reused until a call is terminated in it.
struct Runner {
  v8::Global<v8::Context> context;
  v8::Global<v8::Function> run;
};
using RunnerPool = std::vector<std::unique_ptr<Runner>>;

struct ModuleSet {
  std::vector<std::string> names;
  std::vector<v8::Global<v8::UnboundScript>> scripts;
  std::vector<std::unique_ptr<v8::ScriptCompiler::CachedData>> caches;
  std::vector<bool> rejected;
  RunnerPool idle;
};

struct Isolate {
  v8::Isolate *isolate = nullptr;
  v8::ArrayBuffer::Allocator *allocator = nullptr;
  int32_t snapshot = AVM_SNAPSHOT_CALLS;
  v8::Global<v8::ObjectTemplate> host_template;
  std::vector<std::unique_ptr<Binding>> bindings;
  std::vector<Frame> frames;
  std::map<int32_t, ModuleSet> modules;
  // A runtime context made to load modules in and used for nothing else: the next runner takes it
  // instead of deserializing another from the snapshot (a third of a worker's start).
  v8::Global<v8::Context> spare_runtime;
  RunnerPool compiler_idle;  // for the compile phase
  RunnerPool bare_idle;      // for calls without modules
  int32_t next_handle = 1;
  std::atomic<bool> out_of_memory{false};
  // A termination was requested from inside this isolate's own run (out of gas, an aborting host
  // function). It only takes effect at V8's next interrupt check, so the runtime loops until then.
  bool halted = false;
  // The lock its owning thread keeps between calls (avm_isolate_hold), the isolate entered with it.
  std::unique_ptr<v8::Locker> held;
  std::string text;    // the last outcome's text
  std::string script;  // the last outcome's script name
};

extern const char kWrapperHead[];
extern const char kWrapperTail[];
extern v8::StartupData g_snapshot;           // the runtime context only
extern v8::StartupData g_compiler_snapshot;  // and the compiler's context

v8::Local<v8::String> Utf8(v8::Isolate *isolate, const char *data, int length);
std::string ToUtf8(v8::Isolate *isolate, v8::Local<v8::String> s);
v8::Local<v8::Value> ToV8(v8::Isolate *isolate, const avm_value &value);

// avm_runtime.cc: V8 start, the startup snapshots and new contexts.
int32_t Initialize(const char *const *scripts, const int32_t *lengths, const char *const *names, const int32_t *contexts,
                   int32_t count, std::string *error);
v8::Local<v8::Context> NewContext(Isolate *self, int32_t which);

// avm_host.cc: the host object's functions and V8's callbacks.
void HostCallback(const v8::FunctionCallbackInfo<v8::Value> &info);
void SetGas(const v8::FunctionCallbackInfo<v8::Value> &info);
void OutOfGas(const v8::FunctionCallbackInfo<v8::Value> &info);
void Halted(const v8::FunctionCallbackInfo<v8::Value> &info);
void Retire(const v8::FunctionCallbackInfo<v8::Value> &info);
void Overflowed(const v8::FunctionCallbackInfo<v8::Value> &info);
void Fatal(const v8::FunctionCallbackInfo<v8::Value> &info);

// Lets V8 use the calling thread's whole native stack (less a margin), whatever its size: the call
// depth that contracts may reach is bounded by the injected code, not by V8's default limit.
void UseThreadStack(v8::Isolate *isolate);
size_t NearHeapLimit(void *data, size_t current_heap_limit, size_t initial_heap_limit);

}  // namespace avm

struct avm_isolate {
  avm::Isolate impl;
};

#endif
