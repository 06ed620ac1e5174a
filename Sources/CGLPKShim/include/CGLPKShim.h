#ifndef CGLPKSHIM_H
#define CGLPKSHIM_H
/* setjmp-guarded GLPK entry points. Placeholder: implemented by the LP-layer work (issue 2). */
const char *cglpk_version(void);
#endif
