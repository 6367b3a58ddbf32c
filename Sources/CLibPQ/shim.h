// libpq, PostgreSQL's own C client (Debian: libpq-dev), found through pkg-config.
#include <libpq-fe.h>
