package mongo

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// A checkpoint is the folded state of a campaign at one entry of its log, so that a cold start
// reads it and the entries after it instead of the whole log. Its JSON is split into chunks of at
// most maxChunk bytes (tally_checkpoints "{campaign}/{seq}/{part}"), and a small head
// (tally_heads "{campaign}/{seq}") written after the chunks makes it current. Every instance holds
// the same state at the same entry, so any of them may write the checkpoint of an entry: the first
// insert of each document wins and the others are duplicates of it. Once a head is written, older
// heads and chunks are deleted: one checkpoint per campaign remains, two for a moment. A reset
// entry's state is the checkpoint of that entry.

// maxChunk bounds a checkpoint chunk: every document stays far below MongoDB's 16 MiB.
const maxChunk = 512 << 10

type chunkDoc struct {
	ID       string `bson:"_id"`
	Campaign string `bson:"campaign"`
	Seq      int64  `bson:"seq"`
	Part     int    `bson:"part"`
	Data     []byte `bson:"data"`
}

type headDoc struct {
	ID       string `bson:"_id"`
	Campaign string `bson:"campaign"`
	Seq      int64  `bson:"seq"`
	Parts    int    `bson:"parts"`
}

func chunkID(campaign string, seq int64, part int) string {
	return fmt.Sprintf("%s/%d/%d", campaign, seq, part)
}

// load starts the view from the campaign's newest checkpoint, once, or again when again is set
// (the log before the view's position was deleted, or a reset's state replaced). The caller holds
// v.io.
func (vs *tallyViews) load(ctx context.Context, v *tallyView, again bool) error {
	v.mu.Lock()
	loaded := v.loaded
	v.mu.Unlock()
	if loaded && !again {
		return nil
	}
	t, err := vs.newestCheckpoint(ctx, v.campaign)
	if err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if !loaded || t.Seq > v.live.Seq {
		v.replace(t)
	}
	v.loaded = true
	return nil
}

// newestCheckpoint returns the state of the campaign's newest complete checkpoint, or empty tallies
// at entry 0. A head whose chunks another instance is deleting is passed over for the next.
func (vs *tallyViews) newestCheckpoint(ctx context.Context, campaign string) (*survey.CampaignTally, error) {
	var heads []headDoc
	if err := vs.s.findAll(ctx, colTallyHeads, bson.D{{Key: "campaign", Value: campaign}}, &heads); err != nil {
		return nil, err
	}
	slices.SortFunc(heads, func(a, b headDoc) int { return int(b.Seq - a.Seq) })
	for _, h := range heads {
		t, found, err := vs.readState(ctx, campaign, h.Seq, h.Parts)
		if err != nil {
			return nil, err
		}
		if found {
			return t, nil
		}
	}
	return survey.NewCampaignTally(campaign), nil
}

// readState reads the state kept in the chunks of entry seq; found is false when a chunk is gone.
func (vs *tallyViews) readState(ctx context.Context, campaign string, seq int64, parts int) (*survey.CampaignTally, bool, error) {
	var blob []byte
	for part := range parts {
		var c chunkDoc
		found, err := vs.s.findDoc(ctx, colTallyCheckpts, chunkID(campaign, seq, part), &c)
		if err != nil || !found {
			return nil, false, err
		}
		blob = append(blob, c.Data...)
	}
	t := survey.NewCampaignTally(campaign)
	if err := json.Unmarshal(blob, t); err != nil {
		return nil, false, fmt.Errorf("decode tally checkpoint %s: %w", logID(campaign, seq), err)
	}
	t.Campaign, t.Seq = campaign, seq
	return t, true, nil
}

// writeState writes t as the chunks of entry seq and returns how many there are.
func (vs *tallyViews) writeState(ctx context.Context, campaign string, seq int64, t *survey.CampaignTally) (int, error) {
	s := vs.s
	blob, err := json.Marshal(t)
	if err != nil {
		return 0, fmt.Errorf("encode tally state: %w", err)
	}
	var docs []any
	for part := 0; part == 0 || part*maxChunk < len(blob); part++ {
		data := blob[part*maxChunk : min(len(blob), (part+1)*maxChunk)]
		docs = append(docs, chunkDoc{ID: chunkID(campaign, seq, part), Campaign: campaign, Seq: seq, Part: part, Data: data})
	}
	// One chunk per insert keeps every message to the store small as well.
	for _, d := range docs {
		err := s.write(StepCheckpoint, func() error {
			_, err := s.db.Collection(colTallyCheckpts).InsertOne(ctx, d)
			return err
		})
		if err != nil && !duplicate(err) {
			return 0, storeErr(fmt.Errorf("insert tally checkpoint: %w", err))
		}
	}
	return len(docs), nil
}

// writeHead makes the checkpoint of entry seq current and deletes the older ones.
func (vs *tallyViews) writeHead(ctx context.Context, campaign string, seq int64, parts int) error {
	s := vs.s
	err := s.write(StepCheckpointHead, func() error {
		_, err := s.db.Collection(colTallyHeads).InsertOne(ctx, headDoc{ID: logID(campaign, seq), Campaign: campaign, Seq: seq, Parts: parts})
		return err
	})
	if err != nil && !duplicate(err) {
		return storeErr(fmt.Errorf("insert tally checkpoint head: %w", err))
	}
	older := bson.D{{Key: "campaign", Value: campaign}, {Key: "seq", Value: bson.D{{Key: "$lt", Value: seq}}}}
	// Heads first: no head ever names chunks already deleted, unless a reader read it just before.
	for _, col := range []string{colTallyHeads, colTallyCheckpts} {
		if _, err := s.db.Collection(col).DeleteMany(ctx, older); err != nil {
			return storeErr(fmt.Errorf("delete old tally checkpoints: %w", err))
		}
	}
	return nil
}

// checkpoint saves t, the state of entry t.Seq, as the campaign's checkpoint.
func (vs *tallyViews) checkpoint(ctx context.Context, t *survey.CampaignTally) error {
	parts, err := vs.writeState(ctx, t.Campaign, t.Seq, t)
	if err != nil {
		return err
	}
	return vs.writeHead(ctx, t.Campaign, t.Seq, parts)
}

// checkpointDue returns the state to save when the view has just folded an entry whose number
// is a multiple of CheckpointEvery and no checkpoint of the view is being written. The caller
// holds v.mu.
func (vs *tallyViews) checkpointDue(v *tallyView) *survey.CampaignTally {
	if v.live.Seq%vs.s.opts.CheckpointEvery != 0 || v.checkpointing {
		return nil
	}
	v.checkpointing = true
	return v.snapshot()
}

// checkpointLater writes the state in the background, so neither readers nor the committer wait
// for it. A checkpoint that fails is only logged: the log it summarises is still there.
func (vs *tallyViews) checkpointLater(v *tallyView, t *survey.CampaignTally) {
	if t == nil {
		return
	}
	vs.checkpoints.Add(1)
	go func() {
		defer vs.checkpoints.Done()
		ctx, cancel := context.WithTimeout(context.Background(), vs.s.opts.BatchTimeout)
		defer cancel()
		if err := vs.checkpoint(ctx, t); err != nil {
			vs.s.log.Warn("tally checkpoint not saved", "campaign", t.Campaign, "seq", t.Seq, "err", err)
		}
		v.mu.Lock()
		v.checkpointing = false
		v.mu.Unlock()
	}()
}
