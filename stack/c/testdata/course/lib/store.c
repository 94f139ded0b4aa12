/*
 * store.c - a hash table of strings and the line protocol of the
 * key-value server chapter:
 *
 *     SET key value   -> OK
 *     GET key         -> VALUE value | NOTFOUND
 *     DEL key         -> OK | NOTFOUND
 *     LEN             -> LEN n
 */
#include "common.h"

struct entry {
	char *key, *value;
	struct entry *next;
};

struct store {
	struct entry **b;
	int nb, len;
};

/* hash is FNV-1a, 32 bits. */
static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

struct store *store_new(int buckets)
{
	struct store *s = Calloc(1, sizeof *s);

	s->nb = buckets > 0 ? buckets : 64;
	s->b = Calloc(s->nb, sizeof s->b[0]);
	return s;
}

static struct entry **find(const struct store *s, const char *key)
{
	struct entry **e = &s->b[hash(key) % s->nb];

	while (*e != NULL && strcmp((*e)->key, key) != 0)
		e = &(*e)->next;
	return e;
}

int store_set(struct store *s, const char *key, const char *value)
{
	struct entry **e = find(s, key);

	if (*e != NULL) {
		free((*e)->value);
		(*e)->value = Strdup(value);
		return 0;
	}
	*e = Calloc(1, sizeof **e);
	(*e)->key = Strdup(key);
	(*e)->value = Strdup(value);
	s->len++;
	return 1;
}

const char *store_get(const struct store *s, const char *key)
{
	struct entry **e = find(s, key);

	return *e ? (*e)->value : NULL;
}

int store_del(struct store *s, const char *key)
{
	struct entry **e = find(s, key), *dead;

	if (*e == NULL)
		return 0;
	dead = *e;
	*e = dead->next;
	free(dead->key);
	free(dead->value);
	free(dead);
	s->len--;
	return 1;
}

int store_len(const struct store *s)
{
	return s->len;
}

void store_free(struct store *s)
{
	int i;

	for (i = 0; i < s->nb; i++) {
		struct entry *e = s->b[i];

		while (e != NULL) {
			struct entry *next = e->next;

			free(e->key);
			free(e->value);
			free(e);
			e = next;
		}
	}
	free(s->b);
	free(s);
}

/* store_command runs one protocol line and appends the reply line. It
 * returns 0, or -1 for a line that is not a command (an error reply). */
int store_command(struct store *s, char *line, struct buffer *reply)
{
	char *parts[3];
	int n;
	const char *v;

	str_chomp(line);
	n = str_split(line, ' ', parts, 3);
	if (n >= 1)
		str_upper(parts[0]);
	if (n == 3 && strcmp(parts[0], "SET") == 0) {
		store_set(s, parts[1], parts[2]);
		buffer_append_str(reply, "OK\n");
		return 0;
	}
	if (n == 2 && strcmp(parts[0], "GET") == 0) {
		if ((v = store_get(s, parts[1])) != NULL)
			buffer_printf(reply, "VALUE %s\n", v);
		else
			buffer_append_str(reply, "NOTFOUND\n");
		return 0;
	}
	if (n == 2 && strcmp(parts[0], "DEL") == 0) {
		buffer_append_str(reply, store_del(s, parts[1]) ? "OK\n" : "NOTFOUND\n");
		return 0;
	}
	if (n == 1 && strcmp(parts[0], "LEN") == 0) {
		buffer_printf(reply, "LEN %d\n", store_len(s));
		return 0;
	}
	buffer_append_str(reply, "ERROR unknown command\n");
	return -1;
}
