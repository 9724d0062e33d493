def can_finish(num_courses, prerequisites):
    needs = [set() for _ in range(num_courses)]
    for a, b in prerequisites:
        needs[a].add(b)
    taken = [False] * num_courses
    progress = True
    while progress:
        progress = False
        # a full pass over every course to find the ones whose prerequisites are all taken
        for c in range(num_courses):
            if not taken[c] and all(taken[b] for b in needs[c]):
                taken[c] = True
                progress = True
    return all(taken)
