/*
 * fuzz_config.c: libFuzzer target for the config/ordo.yaml reader.
 *
 * Any input must give either a config or ORDO_ECONFIG (or ENOMEM) with a
 * cause, never both, and never a crash, a leak or a hang.  Seeds are in
 * tests/fuzz/corpus/config/.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ordo/config.h"
#include "ordo/error.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*cfg = NULL;
	char		*cause = NULL;
	int		 error;

	error = config_load_buf("fuzz.yaml", (const char *)data, size, &cfg,
	    &cause);
	if (error == 0 && (cfg == NULL || cause != NULL))
		abort();
	if (error != 0 && (cfg != NULL || cause == NULL))
		abort();
	if (cfg != NULL) {
		/* Walk what was built, as a caller would. */
		(void)config_role(cfg, "root");
		(void)config_account(cfg, ACCT_CASH);
		(void)config_location_find(cfg, "MAIN");
	}
	config_free(cfg);
	free(cause);
	return (0);
}
