// The host object's functions and V8's callbacks: host calls cross into C# here, and gas and
// terminations are recorded on the call frames.
#include <pthread.h>

#include "avm_internal.h"

namespace avm {

namespace {

Isolate *OwnerOf(const v8::FunctionCallbackInfo<v8::Value> &info) {
  return static_cast<Isolate *>(info.Data().As<v8::External>()->Value());
}

}  // namespace

// Most host calls pass a few short strings (a storage key, a value): their arguments and UTF-8 text
// go in buffers on the stack, sized for that; longer ones get heap storage of their own.
constexpr int kInlineArgs = 8;
constexpr int kInlineTextBytes = 512;

// The JS entry of every host function: converts arguments without running any JS (no getters,
// no toString), calls the C# function and turns its answer into a return value or an Error.
void HostCallback(const v8::FunctionCallbackInfo<v8::Value> &info) {
  auto *binding = static_cast<Binding *>(info.Data().As<v8::External>()->Value());
  v8::Isolate *isolate = info.GetIsolate();
  const int argc = info.Length();
  avm_value inline_args[kInlineArgs];
  std::vector<avm_value> more_args;
  avm_value *args = inline_args;
  if (argc > kInlineArgs) {
    more_args.resize(argc);
    args = more_args.data();
  }
  char text[kInlineTextBytes];
  int text_used = 0;
  // Reserved for every argument before the first is added: a short string's bytes live inside it,
  // so the strings must never move. Empty, it allocates nothing.
  std::vector<std::string> long_texts;
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
      v8::Local<v8::String> s = v.As<v8::String>();
      a.kind = AVM_STRING;
      // A UTF-16 unit is at most 3 bytes of UTF-8 (a lone surrogate becomes U+FFFD, also 3): when
      // three bytes a unit fit, one pass writes the text without measuring it first.
      const int room = kInlineTextBytes - text_used;
      if (s->Length() <= room / 3) {
        const int written = s->WriteUtf8(isolate, text + text_used, room, nullptr,
                                         v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
        a.str = text + text_used;
        a.len = written;
        text_used += written;
      } else {
        if (long_texts.capacity() == 0) long_texts.reserve(argc);
        const std::string &held = long_texts.emplace_back(ToUtf8(isolate, s));
        a.str = held.data();
        a.len = static_cast<int32_t>(held.size());
      }
    }
  }

  avm_value result{AVM_UNDEFINED, 0, nullptr, 0};
  Isolate *owner = binding->owner;
  void *call_ctx = owner->frames.empty() ? nullptr : owner->frames.back().call_ctx;
  const int32_t rc = binding->fn(call_ctx, args, argc, &result);
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
  info.GetReturnValue().Set(ToV8(isolate, result));
}

// A host function's result or a call's input as a JS value; AVM_OBJECT is undefined.
v8::Local<v8::Value> ToV8(v8::Isolate *isolate, const avm_value &value) {
  switch (value.kind) {
    case AVM_NULL: return v8::Null(isolate);
    case AVM_BOOL: return v8::Boolean::New(isolate, value.number != 0);
    case AVM_NUMBER: return v8::Number::New(isolate, value.number);
    case AVM_STRING: return Utf8(isolate, value.str, value.len);
    default: return v8::Undefined(isolate);
  }
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

// host.retire(): the runtime could not put back what the call changed, so its context is dropped.
void Retire(const v8::FunctionCallbackInfo<v8::Value> &info) {
  Isolate *self = OwnerOf(info);
  if (!self->frames.empty()) self->frames.back().retire = true;
}

// host.overflowed(): a contract caught V8's stack overflow; the call ends here instead.
void Overflowed(const v8::FunctionCallbackInfo<v8::Value> &info) {
  Isolate *self = OwnerOf(info);
  if (!self->frames.empty()) self->frames.back().overflow = true;
  self->halted = true;
  info.GetIsolate()->TerminateExecution();
}

// host.fatal(message, used): ends the call with an error that no try/catch in the contract sees.
void Fatal(const v8::FunctionCallbackInfo<v8::Value> &info) {
  Isolate *self = OwnerOf(info);
  if (!self->frames.empty()) {
    Frame &frame = self->frames.back();
    frame.fatal = true;
    if (info.Length() > 0 && info[0]->IsString()) frame.fatal_text = ToUtf8(info.GetIsolate(), info[0].As<v8::String>());
    if (info.Length() > 1 && info[1]->IsNumber()) frame.gas = info[1].As<v8::Number>()->Value();
  }
  self->halted = true;
  info.GetIsolate()->TerminateExecution();
}

void UseThreadStack(v8::Isolate *isolate) {
  static thread_local uintptr_t limit = 0;
  if (limit == 0) {
    pthread_attr_t attr;
    void *low = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &low, &size);
      pthread_attr_destroy(&attr);
    }
    // The margin leaves room for native code below V8's check (host functions, the .NET runtime).
    constexpr size_t kMargin = 512 * 1024;
    limit = size > 2 * kMargin ? reinterpret_cast<uintptr_t>(low) + kMargin : 1;
  }
  if (limit > 1) isolate->SetStackLimit(limit);
}

// Called by V8 when the heap is about to run out: stop the run and give it room to unwind.
size_t NearHeapLimit(void *data, size_t current_heap_limit, size_t) {
  auto *self = static_cast<Isolate *>(data);
  self->out_of_memory = true;
  self->isolate->TerminateExecution();
  return current_heap_limit + 64 * 1024 * 1024;
}

}  // namespace avm
