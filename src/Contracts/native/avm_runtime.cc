// V8 for the process: started once, with the startup snapshots made from the library scripts, and
// the new contexts that calls are prepared in.
#include <cstring>
#include <mutex>

#include "avm_internal.h"

namespace avm {

namespace {

std::once_flag g_init_once;
std::unique_ptr<v8::Platform> g_platform;
std::vector<Script> g_scripts;
std::string g_init_error;

bool RunScripts(v8::Isolate *isolate, v8::Local<v8::Context> context, int32_t which, v8::TryCatch &try_catch,
                std::string *error) {
  for (const auto &s : g_scripts) {
    if (s.context != which) continue;
    v8::ScriptOrigin origin(isolate, Utf8(isolate, s.name.c_str(), -1));
    v8::Local<v8::Script> script;
    v8::ScriptCompiler::Source source(Utf8(isolate, s.source.data(), static_cast<int>(s.source.size())), origin);
    // What every new context's setup and every call run is compiled into the snapshot, not again in
    // each isolate on first use (about a sixth of a worker's start). Only these: eagerly compiling the
    // libraries too makes the snapshot, and so every isolate's start, larger than what it saves.
    const bool eager = s.name == "contract-api.js" || s.name == "runtime.js" || s.name == "lockdown.js";
    if (!v8::ScriptCompiler::Compile(context, &source,
                                     eager ? v8::ScriptCompiler::kEagerCompile : v8::ScriptCompiler::kNoCompileOptions)
             .ToLocal(&script) ||
        script->Run(context).IsEmpty()) {
      *error = s.name + ": " +
               (try_catch.HasCaught() ? ToUtf8(isolate, try_catch.Message()->Get()) : std::string("failed"));
      return false;
    }
  }
  return true;
}

// A startup snapshot with the runtime context as its default; with_compiler adds the compiler's
// context (acorn and the instrumenter) as context 0. Only the process's compiler needs that one, and
// it is most of what a new isolate deserializes: a worker's isolate is made from the blob without it.
bool CreateSnapshot(bool with_compiler, v8::StartupData *blob, std::string *error) {
  v8::SnapshotCreator creator;
  v8::Isolate *isolate = creator.GetIsolate();
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> runtime = v8::Context::New(isolate);
    {
      v8::Context::Scope context_scope(runtime);
      v8::TryCatch try_catch(isolate);
      if (!RunScripts(isolate, runtime, AVM_RUNTIME_CONTEXT, try_catch, error)) return false;
    }
    creator.SetDefaultContext(runtime);
    if (with_compiler) {
      v8::Local<v8::Context> compiler = v8::Context::New(isolate);
      v8::Context::Scope context_scope(compiler);
      v8::TryCatch try_catch(isolate);
      if (!RunScripts(isolate, compiler, AVM_COMPILER_CONTEXT, try_catch, error)) return false;
      creator.AddContext(compiler);
    }
  }
  *blob = creator.CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
  if (blob->data == nullptr) *error = "the snapshot could not be created";
  return blob->data != nullptr;
}

}  // namespace

v8::StartupData g_snapshot{nullptr, 0};
v8::StartupData g_compiler_snapshot{nullptr, 0};

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

v8::Local<v8::Context> NewContext(Isolate *self, int32_t which) {
  v8::Isolate *isolate = self->isolate;
  v8::Local<v8::Context> context;
  if (which == AVM_RUNTIME_CONTEXT && !self->spare_runtime.IsEmpty()) {
    context = self->spare_runtime.Get(isolate);
    self->spare_runtime.Reset();
    return context;
  }
  if (self->snapshot == AVM_SNAPSHOT_NONE || which == AVM_RUNTIME_CONTEXT ||
      !v8::Context::FromSnapshot(isolate, 0).ToLocal(&context))
    context = v8::Context::New(isolate);
  // eval, Function(...) and friends throw in every contract context.
  context->AllowCodeGenerationFromStrings(false);
  if (self->snapshot == AVM_SNAPSHOT_NONE) {
    v8::Context::Scope scope(context);
    v8::TryCatch try_catch(isolate);
    std::string error;
    RunScripts(isolate, context, which, try_catch, &error);
  }
  return context;
}

int32_t Initialize(const char *const *scripts, const int32_t *lengths, const char *const *names, const int32_t *contexts,
                   int32_t count, std::string *error) {
  std::call_once(g_init_once, [&] {
    // No WebAssembly and no shared memory in contract contexts (V8 adds them to every new context).
    // The garbage collector runs on the thread that owns the isolate, never beside it: V8 10.2's
    // concurrent marker reads objects that Context::New is still deserializing from our snapshot
    // (a slot still holding raw zero) and crashes the process on a platform thread. Every new
    // context runs that code, so the race is open whenever a worker makes a context while a
    // major GC is marking, as in a burst of deploys.
    // The snapshot is made in this process at start, never read from disk: verifying its checksum on
    // every new isolate (a twentieth of a worker's start) guards against nothing.
    // Without asm.js validation V8 installs no WebAssembly internals in each new context either (a
    // thirtieth of a worker's start), and "use asm" code runs as the plain, metered JS it is.
    v8::V8::SetFlagsFromString(
        "--no-expose-wasm --no-validate-asm --no-harmony-sharedarraybuffer --single-threaded-gc --no-verify-snapshot-checksum");
    g_platform = v8::platform::NewDefaultPlatform();
    v8::V8::InitializePlatform(g_platform.get());
    v8::V8::Initialize();
    for (int32_t i = 0; i < count; i++)
      g_scripts.push_back(Script{names[i], std::string(scripts[i], lengths[i]), contexts[i]});
    if (CreateSnapshot(false, &g_snapshot, &g_init_error)) CreateSnapshot(true, &g_compiler_snapshot, &g_init_error);
  });
  *error = g_init_error;
  return g_init_error.empty() ? 0 : 1;
}

}  // namespace avm

extern "C" {

int32_t avm_initialize(const char *const *scripts, const int32_t *lengths, const char *const *names,
                       const int32_t *contexts, int32_t count, char *error, int32_t error_capacity) {
  std::string message;
  const int32_t status = avm::Initialize(scripts, lengths, names, contexts, count, &message);
  if (status != 0 && error_capacity > 0) {
    std::strncpy(error, message.c_str(), error_capacity - 1);
    error[error_capacity - 1] = '\0';
  }
  return status;
}

const char *avm_v8_version(void) { return v8::V8::GetVersion(); }

}  // extern "C"
