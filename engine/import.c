/*
** import.c — bulk import of CSV files (tg_import). Being written: until it
** lands, tg_import reports that it is not available yet.
*/
#include "db.h"
#include "tangle.h"

int tg_import(tg_db *pDb, int nNodeSpec, const char *const *azNodeSpec, int nRelSpec,
              const char *const *azRelSpec, const tg_import_opts *pOpts, tg_import_stats *pStats) {
  (void)nNodeSpec;
  (void)azNodeSpec;
  (void)nRelSpec;
  (void)azRelSpec;
  (void)pOpts;
  (void)pStats;
  error_raw(&pDb->err, TG_ERR_IO, "", "bulk import is not built yet");
  return TG_ERROR;
}
