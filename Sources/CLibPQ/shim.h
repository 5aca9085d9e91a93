#ifndef TALENTA_CLIBPQ_SHIM_H
#define TALENTA_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
