package routes.chroma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.testing.SharedInfrastructure;

@ExtendWith(SharedInfrastructure.class)
class ChromaCollectionIT {

    @Test
    void aCollectionFilledByAnotherEmbeddingModelIsRefusedWithTheReason() {
        String name = "other-model-" + UUID.randomUUID().toString().substring(0, 8);
        ChromaCollection other = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database", name,
                "text-embedding-3-small", 1536);
        try {
            assertThat(other.id()).isNotBlank();
            ChromaCollection ours = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database", name,
                    "all-MiniLM-L6-v2", 384);
            assertThatThrownBy(ours::id).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("text-embedding-3-small").hasMessageContaining("all-MiniLM-L6-v2")
                    .hasMessageContaining("CHROMA_COLLECTION");
        } finally {
            other.drop();
        }
    }

    @Test
    void theSameModelReusesTheCollectionAndItsCosineSpace() {
        String name = "same-model-" + UUID.randomUUID().toString().substring(0, 8);
        ChromaCollection first = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database", name,
                "all-MiniLM-L6-v2", 384);
        try {
            String id = first.id();
            ChromaCollection again = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database", name,
                    "all-MiniLM-L6-v2", 384);
            assertThat(again.id()).isEqualTo(id);
            assertThat(first.get(first.databaseUrl() + "/collections/" + name).toString()).contains("cosine");
        } finally {
            first.drop();
        }
    }
}
