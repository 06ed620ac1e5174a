#include "CGLPKShim.h"
#include <glpk.h>
const char *cglpk_version(void) { return glp_version(); }
