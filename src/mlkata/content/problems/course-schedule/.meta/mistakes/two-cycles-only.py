def can_finish(num_courses, prerequisites):
    pairs = {(a, b) for a, b in prerequisites}
    # only looks for a course pair that requires each other
    return not any((b, a) in pairs for a, b in pairs if a != b)
