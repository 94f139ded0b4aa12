/*
 * kv.c - "Key: value" lines, as HTTP headers are.
 */
#include "common.h"

/* kv_parse_line reads one "key: value" line; 0, or -1 when it is not one. */
int kv_parse_line(const char *line, struct kv *out)
{
	const char *colon = strchr(line, ':');
	size_t klen;
	char value[sizeof out->value];

	if (colon == NULL || colon == line)
		return -1;
	klen = colon - line;
	if (klen >= sizeof out->key)
		return -1;
	memcpy(out->key, line, klen);
	out->key[klen] = 0;
	snprintf(value, sizeof value, "%s", colon + 1);
	str_chomp(value);
	snprintf(out->value, sizeof out->value, "%s", str_trim(value));
	return 0;
}

/* kv_get finds key (case-insensitive, as HTTP says) among n pairs. */
const char *kv_get(const struct kv *kvs, int n, const char *key)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcasecmp(kvs[i].key, key) == 0)
			return kvs[i].value;
	return NULL;
}
