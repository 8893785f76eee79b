using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// An immutable array compared by its elements, so records holding one stay value-equatable and
    /// the incremental generator's cache works (arrays and <see cref="ImmutableArray{T}"/> compare by
    /// reference). The default value is the empty array.
    /// </summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    {
        private readonly T[]? _items;

        /// <summary>Copies <paramref name="items"/>; later changes to the source are not seen.</summary>
        public EquatableArray(IEnumerable<T> items)
        {
            _items = items.ToArray();
        }

        private EquatableArray(T[] items, bool _)
        {
            _items = items;
        }

        /// <summary>The empty array.</summary>
        public static EquatableArray<T> Empty => default;

        /// <summary>Number of elements.</summary>
        public int Count => _items?.Length ?? 0;

        /// <summary>True when there are no elements.</summary>
        public bool IsEmpty => Count == 0;

        /// <summary>The element at <paramref name="index"/>.</summary>
        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        /// <summary>Wraps a copy of an array.</summary>
        public static implicit operator EquatableArray<T>(T[]? items) =>
            items is null ? default : new EquatableArray<T>((T[])items.Clone(), true);

        /// <summary>Wraps the elements of an immutable array.</summary>
        public static implicit operator EquatableArray<T>(ImmutableArray<T> items) =>
            items.IsDefaultOrEmpty ? default : new EquatableArray<T>(items.ToArray(), true);

        /// <summary>The elements as an immutable array.</summary>
        public ImmutableArray<T> ToImmutableArray() => _items is null ? ImmutableArray<T>.Empty : ImmutableArray.Create(_items);

        /// <inheritdoc />
        public bool Equals(EquatableArray<T> other)
        {
            var left = _items ?? Array.Empty<T>();
            var right = other._items ?? Array.Empty<T>();
            if (left.Length != right.Length)
            {
                return false;
            }

            var comparer = EqualityComparer<T>.Default;
            for (var i = 0; i < left.Length; i++)
            {
                if (!comparer.Equals(left[i], right[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            unchecked
            {
                var hash = 17;
                foreach (var item in _items ?? Array.Empty<T>())
                {
                    hash = (hash * 31) + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
                }

                return hash;
            }
        }

        /// <summary>Element-wise equality.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Element-wise inequality.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>"[a, b, c]", so records that hold one print readably.</summary>
        public override string ToString() => "[" + string.Join(", ", (_items ?? Array.Empty<T>()).Select(i => i?.ToString())) + "]";
    }

    /// <summary>Factory helpers for <see cref="EquatableArray{T}"/>.</summary>
    public static class EquatableArray
    {
        /// <summary>An equatable array of the given items.</summary>
        public static EquatableArray<T> Create<T>(params T[] items) => items;

        /// <summary>An equatable copy of a sequence.</summary>
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);
    }
}
