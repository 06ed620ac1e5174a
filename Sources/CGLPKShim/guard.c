/*
 * Output capture (glp_term_hook) and the guard (glp_error_hook + setjmp/longjmp)
 * around every GLPK call the shim makes. See include/CGLPKShim.h.
 */
#include "internal.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------- */
/* Output capture                                                            */
/* ------------------------------------------------------------------------- */

enum { LOG_LIMIT = 1 << 20 }; /* 1 MiB per call; the rest is dropped and flagged */

typedef struct text_buffer {
    char *data;
    size_t length;
    size_t capacity;
    int truncated;
} text_buffer;

static void buffer_append(text_buffer *buffer, const char *s) {
    size_t n = strlen(s);
    if (buffer->length + n > LOG_LIMIT) {
        buffer->truncated = 1;
        return;
    }
    if (buffer->length + n + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity == 0 ? 1024 : buffer->capacity;
        while (capacity < buffer->length + n + 1) capacity *= 2;
        char *grown = realloc(buffer->data, capacity);
        if (grown == NULL) {
            buffer->truncated = 1;
            return;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, s, n + 1);
    buffer->length += n;
}

typedef struct capture {
    text_buffer log;   /* everything GLPK printed */
    text_buffer error; /* what it printed while in error state (the fatal message) */
} capture;

/* glp_term_hook: keep the text, return non-zero so GLPK prints nothing itself. */
static int on_terminal_output(void *info, const char *s) {
    capture *c = info;
    buffer_append(&c->log, s);
    if (glp_at_error()) buffer_append(&c->error, s);
    return 1;
}

/* ------------------------------------------------------------------------- */
/* The guard                                                                 */
/* ------------------------------------------------------------------------- */

/* The innermost active guard of this thread; GLPK's environment is per thread too. */
static _Thread_local jmp_buf *guard_target = NULL;

/* glp_error_hook: jump back into run_guarded instead of letting GLPK abort(). */
static void on_glpk_error(void *info) {
    (void)info;
    jmp_buf *target = guard_target;
    if (target != NULL) longjmp(*target, 1);
    /* No guard (cannot happen: the hook is only installed inside one): GLPK aborts. */
}

/*
 * The body keeps its state in *context (not in locals of this frame), so nothing
 * it writes is lost across the longjmp; `previous` is not modified after setjmp.
 */
static int run_guarded(cglpk__body body, void *context, capture *out) {
    jmp_buf target;
    jmp_buf *const previous = guard_target;
    if (setjmp(target) != 0) {
        guard_target = previous;
        glp_free_env(); /* mandatory after a jump out of glp_error; frees every object */
        return CGLPK_FATAL;
    }
    guard_target = &target;
    glp_term_hook(on_terminal_output, out);
    glp_error_hook(on_glpk_error, NULL);
    int rc = body(context);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    guard_target = previous;
    glp_free_env();
    return rc;
}

int cglpk__run_guarded(cglpk__body body, void *context, cglpk_result *result) {
    capture c;
    memset(&c, 0, sizeof c);
    int rc = run_guarded(body, context, &c);
    result->log = c.log.data;
    result->log_length = c.log.length;
    result->log_truncated = c.log.truncated;
    result->error_message = c.error.data;
    return rc;
}
