/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib/list.h - intrusive doubly linked lists with the kernel's API
 *
 * The same shape as include/linux/list.h: a struct list_head embedded in
 * each element, a circular list with a head that is not an element.  Only
 * the operations mmsim uses are here.
 */
#ifndef MMSIM_LIB_LIST_H
#define MMSIM_LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/compiler.h"

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

/** INIT_LIST_HEAD - make @list an empty list */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void list_insert_between(struct list_head *entry,
				       struct list_head *prev,
				       struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	prev->next = entry;
}

/** list_add - insert @entry right after @head (stack order) */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	list_insert_between(entry, head, head->next);
}

/** list_add_tail - insert @entry right before @head (queue order) */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
	list_insert_between(entry, head->prev, head);
}

/** list_del_init - unlink @entry and leave it as an empty list */
static inline void list_del_init(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	INIT_LIST_HEAD(entry);
}

/** list_empty - true if @head has no elements (or @head is unlinked) */
static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)

#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

/* Iterate over list @head where @pos may be removed; @n is scratch. */
#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#endif /* MMSIM_LIB_LIST_H */
