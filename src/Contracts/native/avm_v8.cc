// V8 behind the flat C ABI of avm_v8.h. Every V8 handle is owned here and released explicitly;
// JS exceptions and terminations come back as statuses, never as aborts.
#include "avm_v8.h"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

struct Script {
  std::string name;
  std::string source;
  int32_t context;
};

std::once_flag g_init_once;
std::unique_ptr<v8::Platform> g_platform;
std::vector<Script> g_scripts;
std::string g_init_error;
v8::StartupData g_snapshot{nullptr, 0};

const char kWrapperHead[] = "(function ($gas) { return function (module, exports, require) {\n";
const char kWrapperTail[] = "\n}; })";

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
};

struct ModuleSet {
  std::vector<std::string> names;
  std::vector<v8::Global<v8::UnboundScript>> scripts;
  std::vector<std::unique_ptr<v8::ScriptCompiler::CachedData>> caches;
  std::vector<bool> rejected;
};

struct Isolate {
  v8::Isolate *isolate = nullptr;
  v8::ArrayBuffer::Allocator *allocator = nullptr;
  bool use_snapshot = true;
  v8::Global<v8::ObjectTemplate> host_template;
  std::vector<std::unique_ptr<Binding>> bindings;
  std::vector<Frame> frames;
  std::map<int32_t, ModuleSet> modules;
  int32_t next_handle = 1;
  std::atomic<bool> out_of_memory{false};
  // A termination was requested from inside this isolate's own run (out of gas, an aborting host
  // function). It only takes effect at V8's next interrupt check, so the runtime loops until then.
  bool halted = false;
  std::string text;    // the last outcome's text
  std::string script;  // the last outcome's script name
};

v8::Local<v8::String> Utf8(v8::Isolate *isolate, const char *data, int length) {
  v8::Local<v8::String> s;
  if (!v8::String::NewFromUtf8(isolate, data, v8::NewStringType::kNormal, length).ToLocal(&s))
    s = v8::String::Empty(isolate);
  return s;
}

std::string ToUtf8(v8::Isolate *isolate, v8::Local<v8::String> s) {
  std::string out(s->Utf8Length(isolate), '\0');
  s->WriteUtf8(isolate, out.data(), static_cast<int>(out.size()), nullptr,
               v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
  return out;
}

bool RunScripts(v8::Isolate *isolate, v8::Local<v8::Context> context, int32_t which, v8::TryCatch &try_catch,
                std::string *error) {
  for (const auto &s : g_scripts) {
    if (s.context != which) continue;
    v8::ScriptOrigin origin(isolate, Utf8(isolate, s.name.c_str(), -1));
    v8::Local<v8::Script> script;
    if (!v8::Script::Compile(context, Utf8(isolate, s.source.data(), static_cast<int>(s.source.size())), &origin)
             .ToLocal(&script) ||
        script->Run(context).IsEmpty()) {
      *error = s.name + ": " +
               (try_catch.HasCaught() ? ToUtf8(isolate, try_catch.Message()->Get()) : std::string("failed"));
      return false;
    }
  }
  return true;
}

std::string CreateSnapshot() {
  v8::SnapshotCreator creator;
  v8::Isolate *isolate = creator.GetIsolate();
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    std::string error;
    v8::Local<v8::Context> runtime = v8::Context::New(isolate);
    {
      v8::Context::Scope context_scope(runtime);
      v8::TryCatch try_catch(isolate);
      if (!RunScripts(isolate, runtime, AVM_RUNTIME_CONTEXT, try_catch, &error)) return error;
    }
    v8::Local<v8::Context> compiler = v8::Context::New(isolate);
    {
      v8::Context::Scope context_scope(compiler);
      v8::TryCatch try_catch(isolate);
      if (!RunScripts(isolate, compiler, AVM_COMPILER_CONTEXT, try_catch, &error)) return error;
    }
    creator.SetDefaultContext(runtime);
    creator.AddContext(compiler);
  }
  g_snapshot = creator.CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
  return g_snapshot.data == nullptr ? "the snapshot could not be created" : "";
}

// The JS entry of every host function: converts arguments without running any JS (no getters,
// no toString), calls the C# function and turns its answer into a return value or an Error.
void HostCallback(const v8::FunctionCallbackInfo<v8::Value> &info) {
  auto *binding = static_cast<Binding *>(info.Data().As<v8::External>()->Value());
  v8::Isolate *isolate = info.GetIsolate();
  const int argc = info.Length();
  std::vector<avm_value> args(argc);
  std::vector<std::string> strings(argc);
  for (int i = 0; i < argc; i++) {
    v8::Local<v8::Value> v = info[i];
    avm_value &a = args[i];
    a = avm_value{AVM_OBJECT, 0, nullptr, 0};
    if (v->IsUndefined()) {
      a.kind = AVM_UNDEFINED;
    } else if (v->IsNull()) {
      a.kind = AVM_NULL;
    } else if (v->IsBoolean()) {
      a.kind = AVM_BOOL;
      a.number = v->IsTrue() ? 1 : 0;
    } else if (v->IsNumber()) {
      a.kind = AVM_NUMBER;
      a.number = v.As<v8::Number>()->Value();
    } else if (v->IsString()) {
      strings[i] = ToUtf8(isolate, v.As<v8::String>());
      a.kind = AVM_STRING;
      a.str = strings[i].data();
      a.len = static_cast<int32_t>(strings[i].size());
    }
  }

  avm_value result{AVM_UNDEFINED, 0, nullptr, 0};
  Isolate *owner = binding->owner;
  void *call_ctx = owner->frames.empty() ? nullptr : owner->frames.back().call_ctx;
  const int32_t rc = binding->fn(call_ctx, args.data(), argc, &result);
  if (rc == 2) {
    owner->halted = true;
    isolate->TerminateExecution();
    return;
  }
  if (isolate->IsExecutionTerminating()) return;
  if (rc != 0) {
    const char *msg = result.kind == AVM_STRING ? result.str : "host function failed";
    const int len = result.kind == AVM_STRING ? result.len : -1;
    isolate->ThrowException(v8::Exception::Error(Utf8(isolate, msg, len)));
    return;
  }
  auto rv = info.GetReturnValue();
  switch (result.kind) {
    case AVM_NULL: rv.SetNull(); break;
    case AVM_BOOL: rv.Set(result.number != 0); break;
    case AVM_NUMBER: rv.Set(result.number); break;
    case AVM_STRING: rv.Set(Utf8(isolate, result.str, result.len)); break;
    default: rv.SetUndefined(); break;
  }
}

Isolate *OwnerOf(const v8::FunctionCallbackInfo<v8::Value> &info) {
  return static_cast<Isolate *>(info.Data().As<v8::External>()->Value());
}

// host.setGas(used): the harness reports the gas of a call that ended normally or by exception.
void SetGas(const v8::FunctionCallbackInfo<v8::Value> &info) {
  Isolate *self = OwnerOf(info);
  if (!self->frames.empty() && info.Length() > 0 && info[0]->IsNumber())
    self->frames.back().gas = info[0].As<v8::Number>()->Value();
}

// host.outOfGas(used): ends the run in a way no try/catch in the contract can intercept.
void OutOfGas(const v8::FunctionCallbackInfo<v8::Value> &info) {
  Isolate *self = OwnerOf(info);
  if (!self->frames.empty()) {
    self->frames.back().out_of_gas = true;
    if (info.Length() > 0 && info[0]->IsNumber()) self->frames.back().gas = info[0].As<v8::Number>()->Value();
  }
  self->halted = true;
  info.GetIsolate()->TerminateExecution();
}

// host.halted(): true once a termination is pending, so the runtime stops before running more.
void Halted(const v8::FunctionCallbackInfo<v8::Value> &info) { info.GetReturnValue().Set(OwnerOf(info)->halted); }

// Called by V8 when the heap is about to run out: stop the run and give it room to unwind.
size_t NearHeapLimit(void *data, size_t current_heap_limit, size_t) {
  auto *self = static_cast<Isolate *>(data);
  self->out_of_memory = true;
  self->isolate->TerminateExecution();
  return current_heap_limit + 64 * 1024 * 1024;
}

int32_t Finish(Isolate *self, avm_outcome *out, int32_t status) {
  out->status = status;
  out->text = self->text.data();
  out->len = static_cast<int32_t>(self->text.size());
  out->script = self->script.data();
  out->script_len = static_cast<int32_t>(self->script.size());
  return status;
}

int32_t FromTryCatch(Isolate *self, v8::Local<v8::Context> context, v8::TryCatch &try_catch, avm_outcome *out,
                     bool out_of_gas) {
  v8::Isolate *isolate = self->isolate;
  if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) {
    isolate->CancelTerminateExecution();
    if (self->out_of_memory) {
      self->text = "out of memory: the isolate heap limit was reached";
      return Finish(self, out, AVM_OUT_OF_MEMORY);
    }
    self->text = out_of_gas ? "out of gas" : "execution terminated";
    return Finish(self, out, out_of_gas ? AVM_OUT_OF_GAS : AVM_TERMINATED);
  }
  // Message::Get is formatted by V8 without running contract code (a thrown object's own
  // toString never runs here).
  v8::Local<v8::Message> message = try_catch.Message();
  if (message.IsEmpty()) {
    self->text = "uncaught exception";
  } else {
    self->text = ToUtf8(isolate, message->Get());
    const std::string prefix = "Uncaught ";
    if (self->text.rfind(prefix, 0) == 0) self->text.erase(0, prefix.size());
    out->line = message->GetLineNumber(context).FromMaybe(0);
    out->column = message->GetStartColumn(context).FromMaybe(-1) + 1;
    v8::Local<v8::Value> name = message->GetScriptResourceName();
    if (name->IsString()) self->script = ToUtf8(isolate, name.As<v8::String>());
  }
  return Finish(self, out, AVM_EXCEPTION);
}

v8::Local<v8::Context> NewContext(Isolate *self, int32_t which) {
  v8::Isolate *isolate = self->isolate;
  v8::Local<v8::Context> context;
  if (!self->use_snapshot || which == AVM_RUNTIME_CONTEXT ||
      !v8::Context::FromSnapshot(isolate, 0).ToLocal(&context))
    context = v8::Context::New(isolate);
  // eval, Function(...) and friends throw in every contract context.
  context->AllowCodeGenerationFromStrings(false);
  if (!self->use_snapshot) {
    v8::Context::Scope scope(context);
    v8::TryCatch try_catch(isolate);
    std::string error;
    RunScripts(isolate, context, which, try_catch, &error);
  }
  return context;
}

}  // namespace

struct avm_isolate {
  Isolate impl;
};

extern "C" {

int32_t avm_initialize(const char *const *scripts, const int32_t *lengths, const char *const *names,
                       const int32_t *contexts, int32_t count, char *error, int32_t error_capacity) {
  std::call_once(g_init_once, [&] {
    // No WebAssembly and no shared memory in contract contexts (V8 adds them to every new context).
    v8::V8::SetFlagsFromString("--no-expose-wasm --no-harmony-sharedarraybuffer");
    g_platform = v8::platform::NewDefaultPlatform();
    v8::V8::InitializePlatform(g_platform.get());
    v8::V8::Initialize();
    for (int32_t i = 0; i < count; i++)
      g_scripts.push_back(Script{names[i], std::string(scripts[i], lengths[i]), contexts[i]});
    g_init_error = CreateSnapshot();
  });
  if (g_init_error.empty()) return 0;
  if (error_capacity > 0) {
    std::strncpy(error, g_init_error.c_str(), error_capacity - 1);
    error[error_capacity - 1] = '\0';
  }
  return 1;
}

const char *avm_v8_version(void) { return v8::V8::GetVersion(); }

avm_isolate *avm_isolate_new(size_t heap_limit_bytes, int32_t use_snapshot, const avm_host_binding *bindings,
                             int32_t count) {
  auto *handle = new avm_isolate();
  Isolate *self = &handle->impl;
  self->use_snapshot = use_snapshot != 0;
  self->allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();

  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = self->allocator;
  params.constraints.ConfigureDefaultsFromHeapSize(0, heap_limit_bytes);
  if (self->use_snapshot) params.snapshot_blob = &g_snapshot;
  self->isolate = v8::Isolate::New(params);
  self->isolate->AddNearHeapLimitCallback(NearHeapLimit, self);
  // No microtask ever runs: nothing may happen after a method returns.
  self->isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);

  v8::Locker locker(self->isolate);
  v8::Isolate::Scope isolate_scope(self->isolate);
  v8::HandleScope handle_scope(self->isolate);
  v8::Local<v8::ObjectTemplate> host = v8::ObjectTemplate::New(self->isolate);
  for (int32_t i = 0; i < count; i++) {
    auto binding = std::make_unique<Binding>(Binding{self, bindings[i].name, bindings[i].fn});
    host->Set(Utf8(self->isolate, binding->name.c_str(), -1),
              v8::FunctionTemplate::New(self->isolate, HostCallback, v8::External::New(self->isolate, binding.get())),
              v8::ReadOnly);
    self->bindings.push_back(std::move(binding));
  }
  v8::Local<v8::External> owner = v8::External::New(self->isolate, self);
  host->Set(Utf8(self->isolate, "setGas", -1), v8::FunctionTemplate::New(self->isolate, SetGas, owner), v8::ReadOnly);
  host->Set(Utf8(self->isolate, "outOfGas", -1), v8::FunctionTemplate::New(self->isolate, OutOfGas, owner),
            v8::ReadOnly);
  host->Set(Utf8(self->isolate, "halted", -1), v8::FunctionTemplate::New(self->isolate, Halted, owner), v8::ReadOnly);
  self->host_template.Reset(self->isolate, host);
  return handle;
}

void avm_isolate_dispose(avm_isolate *handle) {
  if (handle == nullptr) return;
  Isolate *self = &handle->impl;
  {
    v8::Locker locker(self->isolate);
    self->host_template.Reset();
    self->modules.clear();
  }
  self->isolate->Dispose();
  delete self->allocator;
  delete handle;
}

void avm_isolate_terminate(avm_isolate *handle) { handle->impl.isolate->TerminateExecution(); }

void avm_isolate_cancel_terminate(avm_isolate *handle) {
  v8::Locker locker(handle->impl.isolate);
  handle->impl.isolate->CancelTerminateExecution();
}

int32_t avm_isolate_poisoned(avm_isolate *handle) { return handle->impl.out_of_memory ? 1 : 0; }

int32_t avm_modules_load(avm_isolate *handle, int32_t count, const char *const *names, const char *const *sources,
                         const int32_t *source_lengths, const uint8_t *const *caches, const int32_t *cache_lengths,
                         int32_t *out_handle, avm_outcome *out) {
  Isolate *self = &handle->impl;
  *out = avm_outcome{AVM_OK, 0, nullptr, 0, 0, 0, nullptr, 0, 0};
  self->text.clear();
  self->script.clear();
  v8::Isolate *isolate = self->isolate;
  v8::Locker locker(isolate);
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  v8::Local<v8::Context> context = v8::Context::New(isolate);
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);

  ModuleSet set;
  for (int32_t i = 0; i < count; i++) {
    std::string wrapped = kWrapperHead;
    wrapped.append(sources[i], source_lengths[i]);
    wrapped += kWrapperTail;
    // The wrapper's head takes one line; the offset keeps the contract's own line numbers.
    v8::ScriptOrigin origin(isolate, Utf8(isolate, names[i], -1), -1, 0);
    v8::ScriptCompiler::CachedData *cache = nullptr;
    if (cache_lengths[i] > 0) cache = new v8::ScriptCompiler::CachedData(caches[i], cache_lengths[i]);
    v8::ScriptCompiler::Source source(Utf8(isolate, wrapped.data(), static_cast<int>(wrapped.size())), origin, cache);
    v8::Local<v8::UnboundScript> script;
    if (!v8::ScriptCompiler::CompileUnboundScript(isolate, &source,
                                                  cache ? v8::ScriptCompiler::kConsumeCodeCache
                                                        : v8::ScriptCompiler::kNoCompileOptions)
             .ToLocal(&script)) {
      self->script = names[i];
      return FromTryCatch(self, context, try_catch, out, false);
    }
    set.names.push_back(names[i]);
    set.scripts.emplace_back(isolate, script);
    set.rejected.push_back(cache != nullptr && source.GetCachedData()->rejected);
    set.caches.emplace_back(nullptr);
  }
  *out_handle = self->next_handle++;
  self->modules.emplace(*out_handle, std::move(set));
  return Finish(self, out, AVM_OK);
}

int32_t avm_modules_cache(avm_isolate *handle, int32_t module_handle, int32_t index, const uint8_t **data,
                          int32_t *length, int32_t *rejected) {
  Isolate *self = &handle->impl;
  auto found = self->modules.find(module_handle);
  if (found == self->modules.end() || index < 0 || index >= static_cast<int32_t>(found->second.scripts.size()))
    return AVM_INVALID;
  ModuleSet &set = found->second;
  if (!set.caches[index]) {
    v8::Locker locker(self->isolate);
    v8::Isolate::Scope isolate_scope(self->isolate);
    v8::HandleScope handle_scope(self->isolate);
    set.caches[index].reset(v8::ScriptCompiler::CreateCodeCache(set.scripts[index].Get(self->isolate)));
  }
  *data = set.caches[index] ? set.caches[index]->data : nullptr;
  *length = set.caches[index] ? set.caches[index]->length : 0;
  *rejected = set.rejected[index] ? 1 : 0;
  return AVM_OK;
}

void avm_modules_release(avm_isolate *handle, int32_t module_handle) {
  Isolate *self = &handle->impl;
  v8::Locker locker(self->isolate);
  self->modules.erase(module_handle);
}

int32_t avm_call(avm_isolate *handle, void *call_ctx, int32_t module_handle, const char *info_json,
                 int32_t info_length, avm_outcome *out) {
  Isolate *self = &handle->impl;
  *out = avm_outcome{AVM_OK, 0, nullptr, 0, 0, 0, nullptr, 0, 0};
  self->text.clear();
  self->script.clear();
  if (self->out_of_memory) {
    self->text = "the isolate reached its heap limit earlier and must be replaced";
    return Finish(self, out, AVM_INVALID);
  }
  v8::Isolate *isolate = self->isolate;
  v8::Locker locker(isolate);
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  // A fresh context per call: nothing one call leaves on globalThis or built-ins reaches the next.
  v8::Local<v8::Context> context =
      NewContext(self, module_handle == AVM_COMPILER ? AVM_COMPILER_CONTEXT : AVM_RUNTIME_CONTEXT);
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);
  self->frames.push_back(Frame{call_ctx, 0, false});
  // Whatever ended this call, its pending termination is consumed or cancelled by now.
  struct PopFrame {
    Isolate *s;
    ~PopFrame() {
      s->frames.pop_back();
      s->halted = false;
    }
  } pop_frame{self};
  auto fail = [&](const char *why) {
    out->gas_used = self->frames.back().gas;
    if (try_catch.HasCaught() || isolate->IsExecutionTerminating())
      return FromTryCatch(self, context, try_catch, out, self->frames.back().out_of_gas);
    self->text = why;
    return Finish(self, out, AVM_INVALID);
  };

  v8::Local<v8::Object> host;
  v8::Local<v8::Value> avm, setup, harness;
  if (!self->host_template.Get(isolate)->NewInstance(context).ToLocal(&host) ||
      !context->Global()->Get(context, Utf8(isolate, "__avm", -1)).ToLocal(&avm) || !avm->IsObject() ||
      !avm.As<v8::Object>()->Get(context, Utf8(isolate, "setup", -1)).ToLocal(&setup) || !setup->IsFunction())
    return fail("the runtime is missing from the context");
  v8::Local<v8::Value> setup_args[] = {host, Utf8(isolate, info_json, info_length)};
  if (!setup.As<v8::Function>()->Call(context, v8::Undefined(isolate), 2, setup_args).ToLocal(&harness) ||
      !harness->IsFunction())
    return fail("the runtime setup did not return a harness");

  v8::Local<v8::Object> modules = v8::Object::New(isolate);
  if (module_handle > 0) {
    auto found = self->modules.find(module_handle);
    if (found == self->modules.end()) return fail("unknown module handle");
    for (size_t i = 0; i < found->second.scripts.size(); i++) {
      v8::Local<v8::Value> factory;
      v8::Local<v8::Script> bound = found->second.scripts[i].Get(isolate)->BindToCurrentContext();
      if (!bound->Run(context).ToLocal(&factory) ||
          modules->Set(context, Utf8(isolate, found->second.names[i].c_str(), -1), factory).IsNothing())
        return fail("a module could not be instantiated");
    }
  }

  v8::Local<v8::Value> harness_args[] = {modules};
  v8::Local<v8::Value> result;
  if (!harness.As<v8::Function>()->Call(context, v8::Undefined(isolate), 1, harness_args).ToLocal(&result))
    return fail("the harness failed");
  out->gas_used = self->frames.back().gas;
  if (result->IsString()) {
    self->text = ToUtf8(isolate, result.As<v8::String>());
    out->has_result = 1;
  } else if (!result->IsUndefined()) {
    self->text = "the runtime harness returned neither a string nor undefined";
    return Finish(self, out, AVM_INVALID);
  }
  return Finish(self, out, AVM_OK);
}

}  // extern "C"
