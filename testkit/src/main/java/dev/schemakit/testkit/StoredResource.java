package dev.schemakit.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something the JUnit store closes when its scope ends, on every JUnit the testkit runs with: JUnit 5.13 and
 * later close {@link AutoCloseable} values, 5.10 to 5.12 only {@code CloseableResource} ones (deprecated since
 * 5.13, still there in 6). Closes once, however many of those JUnit calls.
 */
@SuppressWarnings("deprecation") // CloseableResource is what JUnit 5.10-5.12 close; 5.13+ take AutoCloseable first
final class StoredResource<T extends AutoCloseable> implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private final T resource;
  private final AtomicBoolean closed = new AtomicBoolean();

  StoredResource(T resource) {
    this.resource = resource;
  }

  T resource() {
    return resource;
  }

  @Override
  public void close() throws Exception {
    if (closed.compareAndSet(false, true)) {
      resource.close();
    }
  }
}
