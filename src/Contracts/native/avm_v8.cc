// V8 behind the flat C ABI of avm_v8.h: isolates, compiled module sets and calls. Every V8 handle is
// owned here and released explicitly; JS exceptions and terminations come back as statuses, never as
// aborts. The snapshot lives in avm_runtime.cc, the host callbacks in avm_host.cc.
#include "avm_internal.h"

namespace avm {

const char kWrapperHead[] = "(function ($gas) { return function (module, exports, require) {\n";
const char kWrapperTail[] = "\n}; })";

namespace {

int32_t Finish(Isolate *self, avm_outcome *out, int32_t status) {
  out->status = status;
  out->text = self->text.data();
  out->len = static_cast<int32_t>(self->text.size());
  out->script = self->script.data();
  out->script_len = static_cast<int32_t>(self->script.size());
  return status;
}

int32_t FromTryCatch(Isolate *self, v8::Local<v8::Context> context, v8::TryCatch &try_catch, avm_outcome *out,
                     bool out_of_gas, const Frame *frame = nullptr) {
  v8::Isolate *isolate = self->isolate;
  if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) {
    isolate->CancelTerminateExecution();
    if (self->out_of_memory) {
      self->text = "out of memory: the isolate heap limit was reached";
      return Finish(self, out, AVM_OUT_OF_MEMORY);
    }
    if (frame != nullptr && frame->overflow) {
      self->text = "the native stack ran out";
      return Finish(self, out, AVM_STACK_OVERFLOW);
    }
    if (frame != nullptr && frame->fatal) {
      self->text = frame->fatal_text;
      return Finish(self, out, AVM_EXCEPTION);
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

// Idle prepared contexts kept per module set: more than one only when a contract calls itself
// through blockchain.call, which needs a second context while the first is busy.
constexpr size_t kIdleRunners = 2;

// Null for an unknown handle, and for the compiler on an isolate made without it.
RunnerPool *PoolFor(Isolate *self, int32_t handle) {
  if (handle == AVM_COMPILER) return self->snapshot == AVM_SNAPSHOT_CALLS ? nullptr : &self->compiler_idle;
  if (handle < 0) return &self->bare_idle;
  auto found = self->modules.find(handle);
  return found == self->modules.end() ? nullptr : &found->second.idle;
}

// Runs the runtime's setup once in a new context, with the module set's scripts bound to it.
// Returns null when that fails; the caller's TryCatch holds why.
std::unique_ptr<Runner> Prepare(Isolate *self, v8::Local<v8::Context> context, int32_t handle) {
  v8::Isolate *isolate = self->isolate;
  v8::Local<v8::Object> host;
  v8::Local<v8::Value> avm, setup, run;
  if (!self->host_template.Get(isolate)->NewInstance(context).ToLocal(&host) ||
      !context->Global()->Get(context, Utf8(isolate, "__avm", -1)).ToLocal(&avm) || !avm->IsObject() ||
      !avm.As<v8::Object>()->Get(context, Utf8(isolate, "setup", -1)).ToLocal(&setup) || !setup->IsFunction())
    return nullptr;
  v8::Local<v8::Object> modules = v8::Object::New(isolate);
  if (handle > 0) {
    ModuleSet &set = self->modules.at(handle);
    for (size_t i = 0; i < set.scripts.size(); i++) {
      v8::Local<v8::Value> factory;
      v8::Local<v8::Script> bound = set.scripts[i].Get(isolate)->BindToCurrentContext();
      if (!bound->Run(context).ToLocal(&factory) ||
          modules->Set(context, Utf8(isolate, set.names[i].c_str(), -1), factory).IsNothing())
        return nullptr;
    }
  }
  v8::Local<v8::Value> setup_args[] = {host, modules};
  if (!setup.As<v8::Function>()->Call(context, v8::Undefined(isolate), 2, setup_args).ToLocal(&run) ||
      !run->IsFunction())
    return nullptr;
  auto runner = std::make_unique<Runner>();
  runner->context.Reset(isolate, context);
  runner->run.Reset(isolate, run.As<v8::Function>());
  return runner;
}

// A runner whose call ended normally or by a JS exception goes back to its pool, unless the runtime
// retired it or its module set was released while the call ran.
void Recycle(Isolate *self, int32_t handle, std::unique_ptr<Runner> runner) {
  if (self->frames.back().retire) return;
  RunnerPool *pool = PoolFor(self, handle);
  if (pool != nullptr && pool->size() < kIdleRunners) pool->push_back(std::move(runner));
}

}  // namespace

}  // namespace avm

using namespace avm;



extern "C" {

avm_isolate *avm_isolate_new(size_t heap_limit_bytes, int32_t snapshot, const avm_host_binding *bindings,
                             int32_t count) {
  auto *handle = new avm_isolate();
  Isolate *self = &handle->impl;
  self->snapshot = snapshot;
  self->allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();

  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = self->allocator;
  params.constraints.ConfigureDefaultsFromHeapSize(0, heap_limit_bytes);
  if (snapshot == AVM_SNAPSHOT_CALLS) params.snapshot_blob = &g_snapshot;
  if (snapshot == AVM_SNAPSHOT_WITH_COMPILER) params.snapshot_blob = &g_compiler_snapshot;
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
  host->Set(Utf8(self->isolate, "retire", -1), v8::FunctionTemplate::New(self->isolate, Retire, owner), v8::ReadOnly);
  host->Set(Utf8(self->isolate, "overflowed", -1), v8::FunctionTemplate::New(self->isolate, Overflowed, owner),
            v8::ReadOnly);
  host->Set(Utf8(self->isolate, "fatal", -1), v8::FunctionTemplate::New(self->isolate, Fatal, owner), v8::ReadOnly);
  self->host_template.Reset(self->isolate, host);
  return handle;
}

void avm_isolate_dispose(avm_isolate *handle) {
  if (handle == nullptr) return;
  Isolate *self = &handle->impl;
  {
    // A held isolate is locked by this (its holding) thread already; otherwise the cleanup takes the lock.
    std::unique_ptr<v8::Locker> locker;
    if (!self->held) locker = std::make_unique<v8::Locker>(self->isolate);
    self->host_template.Reset();
    self->spare_runtime.Reset();
    self->modules.clear();
    self->compiler_idle.clear();
    self->bare_idle.clear();
  }
  if (self->held) {
    self->isolate->Exit();
    self->held.reset();
  }
  self->isolate->Dispose();
  delete self->allocator;
  delete handle;
}

void avm_isolate_hold(avm_isolate *handle) {
  Isolate *self = &handle->impl;
  if (self->held) return;
  self->held = std::make_unique<v8::Locker>(self->isolate);
  self->isolate->Enter();
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
  if (self->frames.empty()) UseThreadStack(isolate);
  v8::HandleScope handle_scope(isolate);
  // Compiling runs no code in the context: it stays fresh, and the next runner is prepared in it.
  v8::Local<v8::Context> context = NewContext(self, AVM_RUNTIME_CONTEXT);
  struct KeepSpare {
    Isolate *s;
    v8::Local<v8::Context> c;
    ~KeepSpare() { s->spare_runtime.Reset(s->isolate, c); }
  } keep{self, context};
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
  *rejected = set.rejected[index] ? 1 : 0;
  if (data == nullptr) return AVM_OK;
  if (!set.caches[index]) {
    v8::Locker locker(self->isolate);
    v8::Isolate::Scope isolate_scope(self->isolate);
    v8::HandleScope handle_scope(self->isolate);
    set.caches[index].reset(v8::ScriptCompiler::CreateCodeCache(set.scripts[index].Get(self->isolate)));
  }
  *data = set.caches[index] ? set.caches[index]->data : nullptr;
  *length = set.caches[index] ? set.caches[index]->length : 0;
  return AVM_OK;
}

void avm_modules_release(avm_isolate *handle, int32_t module_handle) {
  Isolate *self = &handle->impl;
  v8::Locker locker(self->isolate);
  self->modules.erase(module_handle);
}

int32_t avm_prepare(avm_isolate *handle, int32_t module_handle, avm_outcome *out) {
  Isolate *self = &handle->impl;
  *out = avm_outcome{AVM_OK, 0, nullptr, 0, 0, 0, nullptr, 0, 0};
  self->text.clear();
  self->script.clear();
  RunnerPool *pool = PoolFor(self, module_handle);
  if (self->out_of_memory || pool == nullptr) {
    self->text = module_handle == AVM_COMPILER && self->snapshot == AVM_SNAPSHOT_CALLS
                     ? "this isolate was made without the compiler"
                     : "the isolate was poisoned or the module handle is unknown";
    return Finish(self, out, AVM_INVALID);
  }
  if (!pool->empty()) return Finish(self, out, AVM_OK);
  v8::Isolate *isolate = self->isolate;
  v8::Locker locker(isolate);
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  v8::Local<v8::Context> context =
      NewContext(self, module_handle == AVM_COMPILER ? AVM_COMPILER_CONTEXT : AVM_RUNTIME_CONTEXT);
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);
  std::unique_ptr<Runner> runner = Prepare(self, context, module_handle);
  if (!runner) return FromTryCatch(self, context, try_catch, out, false);
  pool->push_back(std::move(runner));
  return Finish(self, out, AVM_OK);
}

int32_t avm_call(avm_isolate *handle, void *call_ctx, int32_t module_handle, const avm_value *inputs, int32_t count,
                 avm_outcome *out) {
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
  RunnerPool *pool = PoolFor(self, module_handle);
  if (pool == nullptr) {
    self->text = module_handle == AVM_COMPILER ? "this isolate was made without the compiler" : "unknown module handle";
    return Finish(self, out, AVM_INVALID);
  }
  std::unique_ptr<Runner> runner;
  if (!pool->empty()) {
    runner = std::move(pool->back());
    pool->pop_back();
  }
  v8::Local<v8::Context> context =
      runner ? runner->context.Get(isolate)
             : NewContext(self, module_handle == AVM_COMPILER ? AVM_COMPILER_CONTEXT : AVM_RUNTIME_CONTEXT);
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);
  if (self->frames.empty()) UseThreadStack(isolate);
  self->frames.push_back(Frame{call_ctx, 0, false, false, false, false, {}});
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
      return FromTryCatch(self, context, try_catch, out, self->frames.back().out_of_gas, &self->frames.back());
    self->text = why;
    return Finish(self, out, AVM_INVALID);
  };

  if (!runner && !(runner = Prepare(self, context, module_handle))) return fail("the runtime could not be set up");
  std::vector<v8::Local<v8::Value>> run_args(count);
  for (int32_t i = 0; i < count; i++) run_args[i] = ToV8(isolate, inputs[i]);
  v8::Local<v8::Value> result;
  if (!runner->run.Get(isolate)->Call(context, v8::Undefined(isolate), count, run_args.data()).ToLocal(&result)) {
    const int32_t status = fail("the runtime failed");
    // A terminated run may have stopped inside the runtime itself: that context is not reused.
    if (status == AVM_EXCEPTION && !self->frames.back().fatal) Recycle(self, module_handle, std::move(runner));
    return status;
  }
  out->gas_used = self->frames.back().gas;
  Recycle(self, module_handle, std::move(runner));
  if (result->IsString()) {
    self->text = ToUtf8(isolate, result.As<v8::String>());
    out->has_result = 1;
  } else if (!result->IsUndefined()) {
    self->text = "the runtime returned neither a string nor undefined";
    return Finish(self, out, AVM_INVALID);
  }
  return Finish(self, out, AVM_OK);
}

}  // extern "C"
