// V8 behind the flat C ABI of avm_v8.h. Every V8 handle is owned here and released explicitly;
// JS exceptions and terminations come back as statuses, never as aborts.
#include "avm_v8.h"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

std::once_flag g_init_once;
std::unique_ptr<v8::Platform> g_platform;

struct Binding;

struct Isolate {
  v8::Isolate *isolate = nullptr;
  v8::ArrayBuffer::Allocator *allocator = nullptr;
  v8::Global<v8::ObjectTemplate> global_template;
  std::string runtime_js;
  std::vector<std::unique_ptr<Binding>> bindings;
  void *call_ctx = nullptr;
  std::atomic<bool> out_of_memory{false};
  std::string text;  // the last outcome's text
};

struct Binding {
  Isolate *owner;
  std::string object;
  std::string name;
  avm_host_fn fn;
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
  const int32_t rc = binding->fn(binding->owner->call_ctx, args.data(), argc, &result);
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
  return status;
}

int32_t FromTryCatch(Isolate *self, v8::Local<v8::Context> context, v8::TryCatch &try_catch,
                     avm_outcome *out) {
  v8::Isolate *isolate = self->isolate;
  if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) {
    isolate->CancelTerminateExecution();
    const bool oom = self->out_of_memory.load();
    self->text = oom ? "out of memory: the isolate heap limit was reached" : "execution terminated";
    return Finish(self, out, oom ? AVM_OUT_OF_MEMORY : AVM_TERMINATED);
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
  }
  return Finish(self, out, AVM_EXCEPTION);
}

}  // namespace

struct avm_isolate {
  Isolate impl;
};

extern "C" {

void avm_initialize(void) {
  std::call_once(g_init_once, [] {
    g_platform = v8::platform::NewDefaultPlatform();
    v8::V8::InitializePlatform(g_platform.get());
    v8::V8::Initialize();
  });
}

const char *avm_v8_version(void) { return v8::V8::GetVersion(); }

avm_isolate *avm_isolate_new(size_t heap_limit_bytes, const char *runtime_js, int32_t runtime_len,
                             const avm_host_binding *bindings, int32_t count) {
  avm_initialize();
  auto *handle = new avm_isolate();
  Isolate *self = &handle->impl;
  self->runtime_js.assign(runtime_js, runtime_len);
  self->allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();

  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = self->allocator;
  params.constraints.ConfigureDefaultsFromHeapSize(0, heap_limit_bytes);
  self->isolate = v8::Isolate::New(params);
  self->isolate->AddNearHeapLimitCallback(NearHeapLimit, self);

  v8::Locker locker(self->isolate);
  v8::Isolate::Scope isolate_scope(self->isolate);
  v8::HandleScope handle_scope(self->isolate);
  v8::Local<v8::ObjectTemplate> global = v8::ObjectTemplate::New(self->isolate);
  // One object template per distinct object name, in the order the names first appear.
  std::vector<std::pair<std::string, v8::Local<v8::ObjectTemplate>>> objects;
  for (int32_t i = 0; i < count; i++) {
    auto binding = std::make_unique<Binding>(
        Binding{self, bindings[i].object, bindings[i].name, bindings[i].fn});
    v8::Local<v8::ObjectTemplate> object;
    for (auto &[name, tmpl] : objects)
      if (name == binding->object) object = tmpl;
    if (object.IsEmpty()) {
      object = v8::ObjectTemplate::New(self->isolate);
      objects.emplace_back(binding->object, object);
    }
    v8::Local<v8::FunctionTemplate> fn = v8::FunctionTemplate::New(
        self->isolate, HostCallback, v8::External::New(self->isolate, binding.get()));
    object->Set(Utf8(self->isolate, binding->name.c_str(), -1), fn, v8::ReadOnly);
    self->bindings.push_back(std::move(binding));
  }
  for (auto &[name, tmpl] : objects)
    global->Set(Utf8(self->isolate, name.c_str(), -1), tmpl, v8::ReadOnly);
  self->global_template.Reset(self->isolate, global);
  return handle;
}

void avm_isolate_dispose(avm_isolate *handle) {
  if (handle == nullptr) return;
  Isolate *self = &handle->impl;
  {
    v8::Locker locker(self->isolate);
    self->global_template.Reset();
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

int32_t avm_call(avm_isolate *handle, void *call_ctx, const char *source, int32_t source_len,
                 const char *method, int32_t method_len, const char *args_json, int32_t args_len,
                 avm_outcome *out) {
  Isolate *self = &handle->impl;
  *out = avm_outcome{AVM_OK, 0, nullptr, 0, 0, 0};
  self->text.clear();
  if (self->out_of_memory) {
    self->text = "the isolate reached its heap limit earlier and must be replaced";
    return Finish(self, out, AVM_INVALID);
  }
  v8::Isolate *isolate = self->isolate;
  v8::Locker locker(isolate);
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  // A fresh context per call: nothing one call leaves on globalThis reaches the next.
  v8::Local<v8::Context> context =
      v8::Context::New(isolate, nullptr, self->global_template.Get(isolate));
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);
  self->call_ctx = call_ctx;
  struct ClearCtx {
    Isolate *s;
    ~ClearCtx() { s->call_ctx = nullptr; }
  } clear_ctx{self};

  v8::Local<v8::Script> runtime;
  v8::Local<v8::Value> harness;
  if (!v8::Script::Compile(context, Utf8(isolate, self->runtime_js.data(),
                                         static_cast<int>(self->runtime_js.size())))
           .ToLocal(&runtime) ||
      !runtime->Run(context).ToLocal(&harness) || !harness->IsFunction()) {
    if (try_catch.HasCaught()) return FromTryCatch(self, context, try_catch, out);
    self->text = "the runtime script does not evaluate to a function";
    return Finish(self, out, AVM_INVALID);
  }

  v8::ScriptOrigin origin(isolate, Utf8(isolate, "contract.js", -1));
  v8::ScriptCompiler::Source contract_source(Utf8(isolate, source, source_len), origin);
  v8::Local<v8::String> params[] = {Utf8(isolate, "module", -1), Utf8(isolate, "exports", -1),
                                    Utf8(isolate, "require", -1)};
  v8::Local<v8::Function> factory;
  if (!v8::ScriptCompiler::CompileFunction(context, &contract_source, 3, params)
           .ToLocal(&factory))
    return FromTryCatch(self, context, try_catch, out);

  v8::Local<v8::Value> argv[] = {factory, Utf8(isolate, method, method_len),
                                 Utf8(isolate, args_json, args_len)};
  v8::Local<v8::Value> result;
  if (!harness.As<v8::Function>()->Call(context, v8::Undefined(isolate), 3, argv).ToLocal(&result))
    return FromTryCatch(self, context, try_catch, out);
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
