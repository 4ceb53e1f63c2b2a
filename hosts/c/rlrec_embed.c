/* rlrec_embed.c — a C program that embeds the rlrec engine through <rlrec/engine.h> only:
 * builds an engine from a YAML file, trains it, evaluates the trained policy, frees it.
 *
 *   rlrec-embed CONFIG [RUN_DIR] [--set KEY=VALUE]...
 *
 * It prints the final evaluation of training and a second, separate evaluation, one line each.
 * Ctrl-C stops training cleanly: the SIGINT handler calls rlrec_engine_interrupt, which is
 * async-signal-safe; the engine writes a final checkpoint and train returns
 * RLREC_ERR_INTERRUPTED. Exit codes as the rlrec command's: 0 ok, 2 config error, 130
 * interrupted, 1 any other failure. Plain C99 plus POSIX sigaction. */
#define _POSIX_C_SOURCE 200809L
#include <rlrec/engine.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#define MAX_OVERRIDES 64
#define EVAL_EPISODES 20

/* The engine the SIGINT handler stops; set before train, cleared before destroy. */
static rlrec_engine *volatile g_running = NULL;

static void on_sigint(int sig) {
  (void)sig;
  if (g_running != NULL) rlrec_engine_interrupt(g_running);
}

/* The engine's and the plugins' log lines arrive here from any engine thread. */
static void on_log(void *ctx, int32_t level, const char *msg) {
  static const char *const names[] = {"debug", "info", "warning", "error"};
  (void)ctx;
  if (level >= RLREC_LOG_INFO) fprintf(stderr, "[engine %s] %s\n", names[level > 3 ? 3 : level], msg);
}

static int exit_code(rlrec_status status) {
  switch (status) {
    case RLREC_OK: return 0;
    case RLREC_ERR_CONFIG: return 2;
    case RLREC_ERR_INTERRUPTED: return 130;
    default: return 1;
  }
}

static void print_result(const char *what, const rlrec_eval_result *r) {
  printf("%s: return %.4f +- %.4f (std) over %llu episodes, length %.2f, after %llu training env steps\n", what,
         r->episode_return_mean, r->episode_return_std, (unsigned long long)r->episodes, r->episode_length_mean,
         (unsigned long long)r->env_steps);
}

int main(int argc, char **argv) {
  const char *overrides[MAX_OVERRIDES];
  uint32_t num_overrides = 0;
  const char *config = NULL, *run_dir = NULL;
  char err[2048] = {0};
  rlrec_engine *engine = NULL;
  rlrec_eval_result trained, again;
  rlrec_status status;
  struct sigaction action;
  int i;

  for (i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--set") == 0 && i + 1 < argc && num_overrides < MAX_OVERRIDES) {
      overrides[num_overrides++] = argv[++i];
    } else if (config == NULL) {
      config = argv[i];
    } else if (run_dir == NULL) {
      run_dir = argv[i];
    } else {
      config = NULL;
      break;
    }
  }
  if (config == NULL) {
    fprintf(stderr, "usage: %s CONFIG [RUN_DIR] [--set KEY=VALUE]...\n", argv[0]);
    return 2;
  }
  printf("rlrec %s, plugin ABI %u.%u.%u\n", rlrec_version_string(), RLREC_VERSION_MAJOR_OF(rlrec_abi_version()),
         RLREC_VERSION_MINOR_OF(rlrec_abi_version()), RLREC_VERSION_PATCH_OF(rlrec_abi_version()));
  rlrec_set_log_handler(on_log, NULL);

  status = rlrec_engine_create(config, overrides, num_overrides, &engine, err, sizeof err);
  if (status != RLREC_OK) {
    fprintf(stderr, "rlrec-embed: %s\n", err);
    return exit_code(status);
  }

  memset(&action, 0, sizeof action);
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, NULL);
  g_running = engine;

  /* Growable result structs: say how large ours is, the engine fills no more. */
  memset(&trained, 0, sizeof trained);
  trained.struct_size = sizeof trained;
  status = rlrec_engine_train(engine, run_dir, &trained);
  if (status == RLREC_OK) {
    print_result("trained", &trained);
    memset(&again, 0, sizeof again);
    again.struct_size = sizeof again;
    status = rlrec_engine_evaluate(engine, EVAL_EPISODES, &again);
    if (status == RLREC_OK) print_result("evaluated again", &again);
  }
  if (status != RLREC_OK) fprintf(stderr, "rlrec-embed: %s\n", rlrec_engine_last_error(engine));

  g_running = NULL;
  rlrec_engine_destroy(engine);
  rlrec_set_log_handler(NULL, NULL);
  return exit_code(status);
}
